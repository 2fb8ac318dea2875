package dev.netwright.engine.cli;

import dev.netwright.designer.analysis.Totals;
import dev.netwright.engine.onnximport.OnnxImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netwright import FILE.onnx --out DIR}: an ONNX model as a saved model directory with its weights. */
@Command(name = "import", description = "Import an ONNX file (as PyTorch exports it) as a saved model folder.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.onnx", description = "the ONNX model (opset 13 to 18)")
    private Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the model folder to create")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "the design's name; default the file's name")
    private String name;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("error: no such file: " + file);
            err.flush();
            return 2;
        }
        String fileName = file.getFileName().toString();
        String designName = name != null ? name : fileName.endsWith(".onnx")
                ? fileName.substring(0, fileName.length() - 5) : fileName;
        long start = System.nanoTime();
        OnnxImport.Result result = OnnxImport.toModelDirectory(file, designName, out);
        Totals t = result.totals();
        PrintWriter o = spec.commandLine().getOut();
        o.printf("imported %s: %d layers, %,d parameters (%,d trainable, %,d batch-norm statistics) in %.1f s%n",
                file, result.design().nodes().size(), t.totalParams(), t.trainableParams(), t.nonTrainableParams(),
                (System.nanoTime() - start) / 1e9);
        o.println("wrote " + out + " (./netwright summary " + out + ")");
        o.flush();
        return 0;
    }
}
