package dev.netwright.backend.sweep;

/** Where a sweep is; the names are what {@code sweeps.state} and the API hold. */
public enum SweepState {
    /** Proposing and training trials. */
    RUNNING,
    /** Stop asked for: no new trials, waiting for the running ones to stop. */
    STOPPING,
    /** Its trial or time budget is spent (extending it runs it again). */
    COMPLETED,
    /** Stopped by a user, or a trial could not be prepared. */
    STOPPED;

    /** Whether the scheduler still looks after it. */
    public boolean isActive() {
        return this == RUNNING || this == STOPPING;
    }
}
