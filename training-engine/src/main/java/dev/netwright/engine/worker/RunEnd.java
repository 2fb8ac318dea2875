package dev.netwright.engine.worker;

import dev.netwright.engine.api.RunStatus;

/**
 * How a run ended, as the worker reports it.
 *
 * @param status            SUCCEEDED, FAILED or CANCELLED; QUEUED only for {@link #leaseLost()}, never reported
 * @param failure           why it failed, in words (null otherwise)
 * @param finalMetricsJson  last epoch and test evaluation as JSON (null when nothing trained)
 */
public record RunEnd(RunStatus status, String failure, String finalMetricsJson) {

    /** The worker lost the run's lease: it reports nothing, and the server queues the run again. */
    static RunEnd leaseLost() {
        return new RunEnd(RunStatus.QUEUED, "lease lost", null);
    }
}
