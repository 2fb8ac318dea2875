package dev.netwright.backend.run;

import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A run as the API shows it. {@code name} and {@code tags} are the user's to edit (a new run is named after its
 * design, version and number in the project, a trial after its sweep); {@code datasetSummary} says in words what
 * {@code dataset} refers to. {@code durationSeconds} counts from the first claim to the end (or now). A sweep's
 * trial names its sweep (id and name) and trial number; all three are null for an ordinary run. {@code memoryBytes}
 * is the training-memory estimate it was queued with; {@code waitingReason} says, while it is queued, what holds it
 * back (no live worker for its queue, none with enough memory, the workspace's running limit), and is null otherwise.
 */
public record RunView(UUID id, String name, List<String> tags, UUID projectId, UUID designId, UUID designVersionId,
                      int designVersion, String designName, JsonNode dataset, String datasetSummary,
                      @Schema(implementation = TrainingSettings.class) JsonNode config,
                      String queue, RunStatus status, int priority, int attempts, int maxAttempts,
                      boolean cancelRequested, String worker, String failure, JsonNode finalMetrics, String createdBy,
                      OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                      Double durationSeconds, long lastSeq, UUID sweepId, String sweepName, Integer trialNumber,
                      Long memoryBytes, String waitingReason) {
    public RunView {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
