package dev.netwright.backend.sweep;

import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.search.Direction;
import dev.netwright.engine.search.SweepSpec;
import dev.netwright.engine.worker.DatasetRef;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A sweep as stored: everything the scheduler needs to propose, queue and judge its trials. */
record SweepDefinition(UUID id, UUID projectId, UUID workspaceId, String name, UUID designVersionId,
                       DatasetRef dataset, TrainingSettings baseConfig, Map<String, Object> parameters, String method,
                       long seed, int gridPoints, Objective objective, Direction direction, String secondObjective,
                       int maxTrials, double maxMinutes, int maxConcurrent, String pruner, String queue, int priority,
                       SweepState state, UUID createdBy, OffsetDateTime createdAt) {

    /** The engine's view of the sweep (sampler, pruner); rebuilt from the row, so nothing lives only in memory. */
    SweepSpec spec() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parameters", parameters);
        json.put("method", method);
        json.put("objective", objective.id);
        json.put("direction", direction.name().toLowerCase(Locale.ROOT));
        if (secondObjective != null) {
            json.put("secondObjective", secondObjective);
        }
        json.put("pruner", pruner);
        json.put("maxTrials", maxTrials);
        json.put("maxMinutes", maxMinutes);
        json.put("seed", seed);
        json.put("gridPoints", gridPoints);
        return SweepSpec.fromMap(json);
    }

    /** When the time budget runs out, if there is one. */
    Optional<OffsetDateTime> deadline() {
        return maxMinutes > 0 ? Optional.of(createdAt.plusNanos((long) (maxMinutes * 60e9))) : Optional.empty();
    }
}
