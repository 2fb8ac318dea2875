package dev.netwright.engine.train.config;

/** Which direction counts as an improvement of a monitored metric. */
public enum StopMode {
    MIN, MAX,
    /** MAX for accuracy, MIN for losses and errors. */
    AUTO;

    public boolean higherIsBetter(MonitoredMetric metric) {
        return this == MAX || (this == AUTO && metric.higherIsBetter());
    }
}
