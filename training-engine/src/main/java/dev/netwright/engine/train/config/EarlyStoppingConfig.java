package dev.netwright.engine.train.config;

import java.util.Objects;

/**
 * The monitored metric and early stopping. The metric and mode also select the best checkpoint and drive
 * reduce-on-plateau, even when early stopping itself is disabled.
 *
 * @param enabled  stop when the metric has not improved by more than {@code minDelta} for {@code patience} epochs
 * @param metric   watched value (falls back to TRAIN_LOSS when the run has no validation split)
 * @param mode     improvement direction
 * @param patience epochs without improvement tolerated
 * @param minDelta smallest change that counts as an improvement
 */
public record EarlyStoppingConfig(boolean enabled, MonitoredMetric metric, StopMode mode, int patience,
                                  double minDelta) {

    public EarlyStoppingConfig {
        Objects.requireNonNull(metric, "monitored metric");
        Objects.requireNonNull(mode, "mode");
        Checks.positive("early stopping patience", patience);
        Checks.nonNegative("early stopping min delta", minDelta);
    }

    public static EarlyStoppingConfig disabled() {
        return new EarlyStoppingConfig(false, MonitoredMetric.VAL_LOSS, StopMode.AUTO, 5, 0.0);
    }

    public static EarlyStoppingConfig on(MonitoredMetric metric, int patience, double minDelta) {
        return new EarlyStoppingConfig(true, metric, StopMode.AUTO, patience, minDelta);
    }

    boolean higherIsBetter() {
        return mode.higherIsBetter(metric);
    }
}
