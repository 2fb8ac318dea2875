package dev.netwright.backend.metrics;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One stored metric point of a run.
 *
 * @param runId   the run
 * @param seq     1, 2, 3... within the run; the SSE event id
 * @param kind    BATCH, EPOCH, EVALUATION, MESSAGE or STATUS
 * @param payload the point as JSON text
 * @param at      when the server stored it
 */
public record MetricRecord(UUID runId, long seq, String kind, String payload, OffsetDateTime at) {
    /** Whether this is the run's last point: a STATUS point with a final status. */
    public boolean isTerminal() {
        return kind.equals("STATUS") && (payload.contains("\"SUCCEEDED\"") || payload.contains("\"FAILED\"")
                || payload.contains("\"CANCELLED\""));
    }
}
