package dev.netwright.engine.cli;

import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netwright templates [ID...] [--out DIR]}: list the gallery, or write templates as design files. */
@Command(name = "templates", description = "List the template gallery, or write templates as design JSON files.")
final class TemplatesCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ID", description = "templates to write (default with --out: all)")
    private List<String> ids = List.of();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "write <id>.json files into this folder")
    private Path out;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (out == null && ids.isEmpty()) {
            for (Template t : Templates.all()) {
                stdout.printf(Locale.ROOT, "%-24s %-30s dataset %-16s %s%n", t.id(), t.title(), t.dataset(),
                        t.description());
            }
            stdout.flush();
            return 0;
        }
        List<Template> chosen = ids.isEmpty() ? Templates.all() : new java.util.ArrayList<>();
        for (String id : ids) {
            var t = Templates.find(id);
            if (t.isEmpty()) {
                err.println("error: no template '" + id + "'; known: "
                        + String.join(", ", Templates.all().stream().map(Template::id).toList()));
                return 2;
            }
            chosen.add(t.get());
        }
        DesignJson json = new DesignJson();
        for (Template t : chosen) {
            if (out == null) {
                stdout.print(json.write(t.design()));
            } else {
                Files.createDirectories(out);
                Path file = out.resolve(t.id() + ".json");
                Files.writeString(file, json.write(t.design()));
                stdout.println("wrote " + file);
            }
        }
        stdout.flush();
        return 0;
    }
}
