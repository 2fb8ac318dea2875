package dev.netwright.engine.cli;

import dev.netwright.engine.export.PyTorchCode;
import dev.netwright.engine.export.PyTorchExport;
import dev.netwright.engine.run.ModelBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netwright export-code DESIGN --to pytorch --out FILE.py}: the design as PyTorch code; from a saved model
 * directory also its trained weights as a NumPy .npz next to the code.
 */
@Command(name = "export-code", description = "Write a design as PyTorch code (from a saved model: with its weights).")
final class ExportCodeCommand implements Callable<Integer> {

    /** Target frameworks. */
    enum Target { pytorch }

    @Parameters(paramLabel = "DESIGN", description = "a design file, a template id, or a model folder written by train")
    private String design;

    @Option(names = "--to", defaultValue = "pytorch", paramLabel = "FRAMEWORK", description = "pytorch (the default)")
    private Target target;

    @Option(names = "--out", required = true, paramLabel = "FILE.py", description = "where to write the code")
    private Path out;

    @Option(names = "--weights", paramLabel = "FILE.npz",
            description = "for a model folder: where to write the weights; default FILE.npz beside the code")
    private Path weights;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = Path.of(design);
        if (Files.isDirectory(dir) && Files.exists(dir.resolve(ModelBundle.MANIFEST))) {
            Path npz = weights != null ? weights : out.resolveSibling(baseName(out) + ".npz");
            PyTorchExport.exportModelDirectory(dir, out, npz);
            say("wrote " + out + " and its weights " + npz + " (load_weights(model, \"" + npz.getFileName() + "\"))");
            return 0;
        }
        String code = new PyTorchCode().generate(DesignArgument.read(design));
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, code);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        say("wrote " + out);
        return 0;
    }

    private void say(String line) {
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
    }
}
