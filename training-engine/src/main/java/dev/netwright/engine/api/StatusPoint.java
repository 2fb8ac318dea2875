package dev.netwright.engine.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The payload of a {@link MetricKind#STATUS} point. Only the fields that apply are written.
 *
 * @param status   the run's new status
 * @param attempt  the attempt a worker claimed (RUNNING)
 * @param worker   the worker that claimed it (RUNNING)
 * @param failure  why it failed (FAILED)
 * @param reason   why it was stopped or re-queued ("pruned", "lease expired", ...)
 * @param attempts attempts made so far (after a lost lease)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusPoint(RunStatus status, Integer attempt, String worker, String failure, String reason,
                          Integer attempts) {

    public static StatusPoint of(RunStatus status) {
        return new StatusPoint(status, null, null, null, null, null);
    }

    public static StatusPoint claimed(int attempt, String worker) {
        return new StatusPoint(RunStatus.RUNNING, attempt, worker, null, null, null);
    }

    public static StatusPoint ended(RunStatus status, String failure) {
        return new StatusPoint(status, null, null, failure, null, null);
    }

    public static StatusPoint stopped(RunStatus status, String reason) {
        return new StatusPoint(status, null, null, null, reason, null);
    }

    public static StatusPoint leaseExpired(RunStatus status, int attempts) {
        return new StatusPoint(status, null, null, null, "lease expired", attempts);
    }
}
