package dev.netwright.engine.worker;

import dev.netwright.engine.api.TrainingSettings;
import java.util.UUID;

/**
 * A claimed run (one attempt of it): everything a worker needs to train it.
 *
 * @param runId        the run
 * @param attempt      1 for the first claim, more after lease expiries
 * @param designJson   the exact design version (netwright-design/1)
 * @param dataset      the data
 * @param settings     training settings
 * @param datasetKind  CSV, TSV, IMAGE_ZIP for uploads, BUILTIN otherwise
 * @param leaseSeconds how long the lease lasts without a heartbeat
 */
public record ClaimedRun(UUID runId, int attempt, String designJson, DatasetRef dataset, TrainingSettings settings,
                      String datasetKind, int leaseSeconds) {
}
