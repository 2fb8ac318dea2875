package dev.netwright.engine.train;

/** How a run ended. */
public enum TrainingStatus {
    /** All configured epochs ran. */
    COMPLETED,
    /** Early stopping ended the run. */
    EARLY_STOPPED,
    /** The cancellation flag was set; the last checkpoint is the last completed epoch. */
    CANCELLED,
    /** The loss or gradients became NaN/Inf. */
    DIVERGED
}
