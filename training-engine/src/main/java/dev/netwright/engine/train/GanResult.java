package dev.netwright.engine.train;


import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Outcome of a GAN run.
 *
 * @param status          COMPLETED, CANCELLED or DIVERGED
 * @param failure         divergence message
 * @param epochsCompleted epochs fully trained
 * @param history         per-epoch averages
 * @param lastSamples     generator outputs after the last completed epoch (empty if sampleCount is 0)
 * @param elapsed         wall time
 */
public record GanResult(TrainingStatus status, Optional<String> failure, int epochsCompleted,
                        List<GanEpochMetrics> history, Optional<GeneratedSamples> lastSamples, Duration elapsed) {

    public GanResult {
        history = List.copyOf(history);
    }
}
