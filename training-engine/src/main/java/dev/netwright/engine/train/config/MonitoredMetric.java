package dev.netwright.engine.train.config;

/** A per-epoch value that early stopping, reduce-on-plateau and the best checkpoint can watch. */
public enum MonitoredMetric {
    TRAIN_LOSS, VAL_LOSS, VAL_ACCURACY, VAL_MAE, VAL_RMSE;

    /** Whether the metric needs a validation split. */
    public boolean needsValidation() {
        return this != TRAIN_LOSS;
    }

    /** Direction in which the metric improves for {@link StopMode#AUTO}. */
    boolean higherIsBetter() {
        return this == VAL_ACCURACY;
    }
}
