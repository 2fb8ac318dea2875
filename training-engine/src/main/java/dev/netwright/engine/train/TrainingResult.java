package dev.netwright.engine.train;

import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.EvaluationReport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Outcome of a supervised run.
 *
 * @param status          how it ended
 * @param failure         message for DIVERGED ("diverged at epoch E batch B, try a lower learning rate")
 * @param epochsCompleted epochs fully trained, counting epochs of the run being resumed
 * @param bestEpoch       epoch of the best monitored value (0 if none)
 * @param bestValue       best monitored value (NaN if none)
 * @param history         per-epoch metrics of this invocation
 * @param test            final evaluation on the test split with the best checkpoint's parameters
 * @param bestCheckpoint  folder of the best checkpoint
 * @param lastCheckpoint  folder of the last checkpoint
 * @param elapsed         wall time of this invocation
 * @param device          device trained on
 */
public record TrainingResult(TrainingStatus status, Optional<String> failure, int epochsCompleted, int bestEpoch,
                             double bestValue, List<EpochMetrics> history, Optional<EvaluationReport> test,
                             Path bestCheckpoint, Path lastCheckpoint, Duration elapsed, String device) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
