package dev.netwright.backend.sweep;

import dev.netwright.engine.api.TrainingSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A sweep as the API shows it. {@code trials} is present on the detail only; {@code bestTrial} is the completed
 * trial with the best objective; {@code paretoFront} lists the trial numbers no other completed trial beats on both
 * objectives (only with a second objective).
 */
public record SweepView(UUID id, UUID projectId, String name, UUID designId, int designVersion, String designName,
                        JsonNode dataset,
                        @Schema(implementation = TrainingSettings.class) JsonNode config, JsonNode parameters,
                        String method, long seed,
                        String objective, String direction, String secondObjective, String pruner, int maxTrials,
                        double maxMinutes, int maxConcurrent, String queue, SweepState state, String stateReason,
                        String createdBy, OffsetDateTime createdAt, OffsetDateTime finishedAt, Counts counts,
                        Integer bestTrial, Double bestObjective, List<Integer> paretoFront, List<TrialView> trials) {

    /** How many trials are in each state. */
    public record Counts(int total, int queued, int running, int completed, int pruned, int stopped, int failed) {
    }

    /**
     * One trial.
     *
     * @param status         QUEUED, RUNNING, COMPLETED, PRUNED, STOPPED or FAILED
     * @param objective      its best epoch's value (or the final test accuracy), when it has one
     * @param secondObjective the second objective's value (parameter count)
     * @param intermediate   the objective per epoch reported so far
     */
    public record TrialView(int number, UUID runId, TrialStatus status, Map<String, Object> parameters,
                            Double objective,
                            Double secondObjective, List<Double> intermediate, int epochs, Integer totalEpochs,
                            Double durationSeconds, String stopReason, String failure, OffsetDateTime createdAt,
                            OffsetDateTime finishedAt) {
    }

    /** What promoting the best trial produced: a new design version and the settings to train it with. */
    public record Promoted(UUID designId, int version, int trial, UUID runId, Double objective,
                           Map<String, Object> parameters,
                           @Schema(implementation = TrainingSettings.class) JsonNode config) {
    }
}
