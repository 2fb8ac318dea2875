package dev.netwright.engine.cli;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ParamSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code netwright layers}: the layer catalog with every parameter, its type, default and range. */
@Command(name = "layers", description = "List every layer kind with its parameters.")
final class LayersCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (LayerKind k : LayerCatalog.standard().kinds()) {
            out.println(k.type() + "  [" + k.category().label() + "]  " + k.description());
            for (ParamSpec p : k.params()) {
                String def = p.required() ? "required" : p.optional() ? "optional" : "default " + p.defaultValue();
                out.println("    " + p.name() + ": " + p.expectation() + "; " + def + ". " + p.description());
            }
        }
        out.flush();
        return 0;
    }
}
