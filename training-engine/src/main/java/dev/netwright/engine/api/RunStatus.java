package dev.netwright.engine.api;

/**
 * Where a run is in its life. The names are what the database's {@code runs.status} column, the REST API and the
 * STATUS metric points hold, so they must not be renamed.
 */
public enum RunStatus {
    /** Waiting for a worker (also after a lost lease, before the next attempt). */
    QUEUED,
    /** Claimed by a worker that holds its lease. */
    RUNNING,
    /** Trained to the end (or stopped early by early stopping); the model is stored. */
    SUCCEEDED,
    /** Ended with an error, or out of attempts. */
    FAILED,
    /** Stopped on request (a user, a sweep's pruning or its time budget). */
    CANCELLED;

    /** Whether the run has ended: nothing changes after a final status. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Whether the run is still waiting or training. */
    public boolean isActive() {
        return !isFinal();
    }
}
