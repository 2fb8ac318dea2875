package dev.netwright.engine.train.metrics;

import java.time.Duration;
import java.util.Optional;

/**
 * Reported after every epoch.
 *
 * @param epoch        1-based epoch that just finished
 * @param totalEpochs  configured number of epochs
 * @param train        scores on the training data (loss averaged over the epoch's batches, metrics from the
 *                     same forward passes, i.e. with dropout active)
 * @param validation   scores on the validation split, if there is one
 * @param learningRate rate of the epoch's last batch
 * @param epochTime    wall time of the epoch including validation
 * @param eta          estimated time for the remaining epochs
 * @param improved     whether the monitored metric reached a new best (the best checkpoint was written)
 */
public record EpochMetrics(int epoch, int totalEpochs, SplitScores train, Optional<SplitScores> validation,
                           double learningRate, Duration epochTime, Duration eta, boolean improved) {
}
