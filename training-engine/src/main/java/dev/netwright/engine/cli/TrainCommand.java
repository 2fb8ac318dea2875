package dev.netwright.engine.cli;

import dev.netwright.designer.model.Design;
import dev.netwright.engine.compile.DesignNotTrainableException;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.NormalisationChoice;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netwright train DESIGN --dataset NAME|PATH --out DIR}: trains with live progress and saves the model. */
@Command(name = "train", description = "Train a design on a dataset and save the model.",
        defaultValueProvider = TrainingOptions.Defaults.class)
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DESIGN", description = "a design file, or a template id (see templates)")
    private String design;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH",
            description = "a built-in dataset (see datasets), a .csv/.tsv table or a .zip of class folders")
    private String dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the saved model")
    private Path out;

    @Option(names = "--target", description = "table column to predict")
    private String target;

    @Option(names = "--regression", description = "the table's target is a number, not a class")
    private boolean regression;

    @Option(names = "--impute", arity = "0..1", fallbackValue = "mean", paramLabel = "mean|linear",
            description = "fill missing values instead of failing: a table with the mean / most frequent value "
                    + "(--impute), a series on the line between its neighbours (--impute linear)")
    private String impute;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N training samples (0: all)")
    private int limit;

    @Option(names = "--normalise", defaultValue = "auto",
            description = "auto, none, standardise or min-max (fitted on the training split only)")
    private String normalise;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads for the engine (0: engine default)")
    private int threads;

    @Option(names = "--warm-start", paramLabel = "MODEL_DIR",
            description = "start from a saved model's weights for nodes with the same id and shape")
    private Path warmStart;

    @Option(names = "--freeze", split = ",", paramLabel = "NODE", description = "node ids whose weights stay fixed")
    private List<String> freeze = List.of();

    @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
    private boolean resume;

    @Mixin
    private TrainingOptions options;

    @Mixin
    private SequenceOptions sequence;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EngineThreads.configure(threads);
        Design d = DesignArgument.read(design);
        var series = sequence.series(impute);
        DatasetSpec data = DatasetSpec.parse(dataset, Optional.ofNullable(target),
                Optional.of(regression || isRegressionBuiltin() ? ArrayDataset.Task.REGRESSION
                        : ArrayDataset.Task.CLASSIFICATION), limit,
                series.isEmpty() && SequenceOptions.imputeTable(impute), sequence.text(), series);
        TrainingConfig config = options.toConfig(regression || isRegressionBuiltin() || series.isPresent());
        RunRequest request = new RunRequest(d, data, config,
                NormalisationChoice.valueOf(normalise.toUpperCase(Locale.ROOT).replace('-', '_')),
                Optional.ofNullable(warmStart), Set.copyOf(freeze));
        CancellationFlag cancel = new CancellationFlag();
        Thread hook = new Thread(cancel::cancel, "netwright-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf(Locale.ROOT, "training '%s' on %s: %d epochs, batch %d, %s lr %s, loss %s%n", d.name(),
                data.label(), config.epochs(), config.batchSize(), config.optimizer().kind(),
                config.optimizer().learningRate(), config.loss());
        out.flush();
        RunOutcome outcome;
        try {
            ConsoleProgress progress = new ConsoleProgress(out, err, System.console() != null, config.epochs());
            TrainingRun run = new TrainingRun();
            outcome = resume ? run.resume(request, progress, this.out, cancel)
                    : run.execute(request, progress, this.out, cancel);
        } catch (DesignNotTrainableException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
        if (outcome.forecast().isPresent()) {
            // the trainer's own test scores are on the scaled series; these are in the series' units
            out.print(outcome.forecast().get().describe());
        } else {
            outcome.supervised().flatMap(r -> r.test()).ifPresent(report -> Reporting.print(out, report));
        }
        outcome.baseline().ifPresent(b -> out.printf(Locale.ROOT, "linear baseline: test %s %.4f%n", b.metricName(),
                b.value()));
        outcome.failure().ifPresent(f -> err.println("error: " + f));
        outcome.modelDir().ifPresent(dir -> out.println("model saved to " + dir.toAbsolutePath()));
        out.flush();
        return outcome.status() == TrainingStatus.DIVERGED ? 1 : outcome.status() == TrainingStatus.CANCELLED ? 130 : 0;
    }

    private boolean isRegressionBuiltin() {
        BuiltinCatalog catalog = BuiltinCatalog.standard();
        return catalog.list().stream().anyMatch(b -> b.id().equals(dataset)
                && b.task() == ArrayDataset.Task.REGRESSION);
    }
}
