package dev.netwright.engine.cli;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.format.DesignSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code netwright schema}: the design format's JSON Schema, generated from the layer catalog. */
@Command(name = "schema", description = "Print the JSON Schema of the design format.")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(DesignSchema.generate(LayerCatalog.standard()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
