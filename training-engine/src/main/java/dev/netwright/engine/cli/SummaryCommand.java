package dev.netwright.engine.cli;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.Problem;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.format.FormatError;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.summary.SummaryTable;
import dev.netwright.engine.run.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netwright summary DESIGN.json}: the layer table, or every problem and a non-zero exit. */
@Command(name = "summary", description = "Print a design's layers, output shapes, parameters and multiply-adds.")
final class SummaryCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DESIGN.json", description = "a design file (netwright-design/1) or a model folder")
    private Path file;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Design design;
        try {
            // a saved model directory (from train or import) holds its design
            Path source = Files.isDirectory(file) ? file.resolve(ModelBundle.DESIGN) : file;
            design = new DesignJson().read(Files.readString(source));
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + file);
            return 2;
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (DesignFormatException e) {
            err.println("error: " + file + " is not a valid design:");
            for (FormatError fe : e.errors()) {
                err.println("  " + fe);
            }
            return 1;
        }
        Analysis analysis = new DesignAnalyzer().analyze(design);
        if (!analysis.valid()) {
            err.println("error: " + file + " has " + analysis.errors().size() + " problem"
                    + (analysis.errors().size() == 1 ? "" : "s") + ":");
            for (Problem p : analysis.errors()) {
                err.println("  " + p.describe());
            }
            return 1;
        }
        out.print(SummaryTable.render(analysis));
        out.flush();
        return 0;
    }
}
