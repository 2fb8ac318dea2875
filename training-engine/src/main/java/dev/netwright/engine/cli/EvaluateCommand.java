package dev.netwright.engine.cli;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.series.MissingSteps;
import dev.netwright.engine.run.Forecasts;
import dev.netwright.engine.run.DataPreparation;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.TrainedModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netwright evaluate MODEL_DIR --dataset NAME|PATH}: test metrics of a saved model. */
@Command(name = "evaluate", description = "Evaluate a saved model on a dataset (a built-in set's test split, or a file).")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL_DIR", description = "a folder written by train")
    private Path modelDir;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH", description = "built-in id or file")
    private String dataset;

    @Option(names = "--target", description = "table column holding the true value (not needed for a forecaster)")
    private String target;

    @Option(names = "--impute", paramLabel = "linear", description = "a forecaster: interpolate missing values "
            + "linearly (--impute linear) instead of failing")
    private String impute;

    @Option(names = "--regression", description = "the table's target is a number")
    private boolean regression;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            if (model.manifest().isGan()) {
                spec.commandLine().getErr().println("error: " + modelDir + " is a GAN; use predict --generate N");
                return 2;
            }
            if (model.manifest().series() != null) {
                // every window of the file, scored in the series' units beside the naive forecasts
                spec.commandLine().getOut().print(Forecasts.evaluate(model, Path.of(dataset),
                        "linear".equals(impute) ? MissingSteps.LINEAR : MissingSteps.REPORT).describe());
                spec.commandLine().getOut().flush();
                return 0;
            }
            DatasetSpec data = DatasetSpec.parse(dataset, Optional.ofNullable(target), Optional.of(regression
                    ? ArrayDataset.Task.REGRESSION : ArrayDataset.Task.CLASSIFICATION), 0, false);
            ArrayDataset samples = new DataPreparation().evaluationData(data, model.manifest(), 42);
            Reporting.print(spec.commandLine().getOut(), model.evaluate(samples));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
