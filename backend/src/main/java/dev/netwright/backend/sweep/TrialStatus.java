package dev.netwright.backend.sweep;

import dev.netwright.engine.api.RunStatus;

/** A sweep trial's state in sweep terms, derived from its run's status; the names are the API's values. */
public enum TrialStatus {
    QUEUED, RUNNING, COMPLETED, PRUNED, STOPPED, FAILED;

    /** A cancelled run is a pruned trial when the pruner stopped it, else a stopped one. */
    static TrialStatus of(RunStatus run, String stopReason) {
        return switch (run) {
            case QUEUED -> QUEUED;
            case RUNNING -> RUNNING;
            case SUCCEEDED -> COMPLETED;
            case CANCELLED -> TrialRecord.PRUNED_REASON.equals(stopReason) ? PRUNED : STOPPED;
            case FAILED -> FAILED;
        };
    }

    /** Whether the trial still waits for or holds a worker. */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}
