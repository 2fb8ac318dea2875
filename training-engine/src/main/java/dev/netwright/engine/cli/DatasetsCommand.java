package dev.netwright.engine.cli;

import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.BuiltinDataset;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code netwright datasets}: the built-in datasets with shape, task, classes and availability. */
@Command(name = "datasets", description = "List the built-in datasets.")
final class DatasetsCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BuiltinCatalog catalog = BuiltinCatalog.standard();
        for (BuiltinDataset d : catalog.list()) {
            out.printf(Locale.ROOT, "%-16s %-15s %-14s %-11s %s%n", d.id(), Arrays.toString(d.sampleShape()),
                    d.task().name().toLowerCase(Locale.ROOT), catalog.isAvailable(d.id()) ? "available" : "not installed",
                    d.description());
        }
        out.flush();
        return 0;
    }
}
