package dev.netwright.engine.run;

import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.search.Direction;
import dev.netwright.engine.search.Trial;
import dev.netwright.engine.search.TrialRunner;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.ClassificationReport;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.SplitScores;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs sweep trials in this process, one after another, each as an ordinary training run in its own folder. */
public final class LocalTrialRunner implements TrialRunner {
    private final DatasetSpec dataset;
    private final String objective;
    private final Direction direction;
    private final Path dir;
    private final RunListener progress;

    public LocalTrialRunner(DatasetSpec dataset, String objective, Direction direction, Path dir, RunListener progress) {
        this.dataset = dataset;
        this.objective = objective;
        this.direction = direction;
        this.dir = dir;
        this.progress = progress;
    }

    @Override
    public Result run(int number, Design design, TrainingConfig config, Reporter reporter) {
        CancellationFlag cancel = new CancellationFlag();
        AtomicBoolean pruned = new AtomicBoolean();
        double[] best = {Double.NaN};
        RunListener listener = new RunListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                progress.onEpoch(m);
                OptionalDouble value = value(m);
                if (value.isEmpty()) {
                    return;
                }
                double v = value.getAsDouble();
                if (Double.isNaN(best[0]) || direction.loss(v) < direction.loss(best[0])) {
                    best[0] = v;
                }
                // a trial at its last epoch has finished: stopping it then would save nothing
                if (reporter.report(m.epoch(), v) && m.epoch() < m.totalEpochs()) {
                    pruned.set(true);
                    cancel.cancel();
                }
            }
        };
        long parameters = new DesignAnalyzer().analyze(design).totals().totalParams();
        try {
            RunOutcome outcome = new TrainingRun().execute(new RunRequest(design, dataset, config), listener,
                    dir.resolve("trial-" + number), cancel);
            int steps = outcome.supervised().map(r -> r.epochsCompleted()).orElse(0);
            if (objective.equals("test_accuracy")) {
                best[0] = outcome.supervised().flatMap(r -> r.test()).filter(ClassificationReport.class::isInstance)
                        .map(r -> ((ClassificationReport) r).accuracy()).orElse(Double.NaN);
            }
            if (outcome.status() == TrainingStatus.DIVERGED) {
                return new Result(Trial.State.FAILED, OptionalDouble.empty(), OptionalDouble.of(parameters), steps,
                        outcome.failure().orElse("diverged"));
            }
            Trial.State state = pruned.get() ? Trial.State.PRUNED : Trial.State.COMPLETED;
            return new Result(state, Double.isNaN(best[0]) ? OptionalDouble.empty() : OptionalDouble.of(best[0]),
                    OptionalDouble.of(parameters), steps, null);
        } catch (Exception e) {
            return new Result(Trial.State.FAILED, OptionalDouble.empty(), OptionalDouble.of(parameters), 0,
                    e.getMessage());
        }
    }

    private OptionalDouble value(EpochMetrics m) {
        SplitScores validation = m.validation().orElse(null);
        return switch (objective) {
            case "train_loss" -> OptionalDouble.of(m.train().loss());
            case "val_loss" -> validation == null ? OptionalDouble.empty() : OptionalDouble.of(validation.loss());
            case "val_accuracy", "test_accuracy" -> validation == null ? OptionalDouble.empty() : validation.accuracy();
            case "val_mae" -> validation == null ? OptionalDouble.empty() : validation.mae();
            case "val_rmse" -> validation == null ? OptionalDouble.empty() : validation.rmse();
            default -> throw new IllegalArgumentException("unknown objective '" + objective
                    + "': use val_accuracy, val_loss, train_loss, test_accuracy, val_mae or val_rmse");
        };
    }
}
