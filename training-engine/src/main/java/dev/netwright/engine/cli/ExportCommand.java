package dev.netwright.engine.cli;

import dev.netwright.engine.export.OnnxExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netwright export MODEL_DIR [--out file.onnx]}: the saved model as ONNX (the generator for a GAN). */
@Command(name = "export", description = "Write a saved model as an ONNX file (opset 17; the generator for a GAN).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL_DIR", description = "a folder written by train")
    private Path modelDir;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write; default MODEL_DIR/model.onnx")
    private Path out;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(modelDir)) {
            spec.commandLine().getErr().println("error: no such model folder: " + modelDir);
            spec.commandLine().getErr().flush();
            return 2;
        }
        Path target = out != null ? out : modelDir.resolve(OnnxExporter.FILE);
        OnnxExporter.exportModelDirectory(modelDir, target);
        spec.commandLine().getOut().println("wrote " + target);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
