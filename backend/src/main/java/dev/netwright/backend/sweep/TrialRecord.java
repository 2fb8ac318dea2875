package dev.netwright.backend.sweep;

import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.search.Direction;
import dev.netwright.engine.search.Trial;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One trial as stored: its run row plus the objective's value at each epoch it reported.
 *
 * @param runStatus   the run's status (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED)
 * @param stopReason  why it was cancelled ('pruned', 'stopped by user', 'sweep stopped'), if it was
 * @param intermediate objective value per reported epoch, index = epoch - 1
 * @param totalEpochs  the epochs it was set to run (from its EPOCH points; null before the first)
 * @param pruningStep  the last epoch the pruner has judged
 */
record TrialRecord(UUID runId, int number, RunStatus runStatus, String stopReason, boolean cancelRequested,
                   Map<String, Object> params, Long paramCount, JsonNode finalMetrics, List<Double> intermediate,
                   Integer totalEpochs, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                   String failure, int pruningStep) {

    /** The stop reason of a trial the pruner stopped. */
    static final String PRUNED_REASON = "pruned";

    /** The trial's state in sweep terms. */
    TrialStatus status() {
        return TrialStatus.of(runStatus, stopReason);
    }

    /** Still holds (or waits for) a worker: counts against the sweep's concurrency. */
    boolean active() {
        return runStatus.isActive();
    }

    /** The trial's value: its best epoch (or the final test accuracy for that objective). */
    OptionalDouble objective(Objective objective, Direction direction) {
        OptionalDouble end = objective.atEnd(finalMetrics);
        if (end.isPresent()) {
            return end;
        }
        if (objective == Objective.TEST_ACCURACY && runStatus == RunStatus.SUCCEEDED) {
            return OptionalDouble.empty(); // finished without a test split: no test accuracy to compare
        }
        return intermediate.stream().mapToDouble(Double::doubleValue)
                .reduce((a, b) -> direction.loss(a) <= direction.loss(b) ? a : b);
    }

    /** The trial as the engine's samplers and pruners see it. */
    Trial toTrial(Objective objective, Direction direction) {
        Trial.State state = switch (status()) {
            case COMPLETED -> Trial.State.COMPLETED;
            case PRUNED -> Trial.State.PRUNED;
            case QUEUED, RUNNING -> Trial.State.RUNNING;
            case STOPPED, FAILED -> Trial.State.FAILED;
        };
        OptionalDouble value = state == Trial.State.COMPLETED || state == Trial.State.PRUNED
                ? objective(objective, direction) : OptionalDouble.empty();
        return new Trial(number, params, state, value, intermediate);
    }

    Double durationSeconds() {
        return startedAt == null ? null
                : Duration.between(startedAt, finishedAt == null ? OffsetDateTime.now() : finishedAt).toMillis() / 1000.0;
    }
}
