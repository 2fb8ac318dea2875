package dev.netwright.backend.metrics;

import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stored metric point of a run.
 *
 * @param runId   the run
 * @param seq     1, 2, 3... within the run; the SSE event id
 * @param kind    what the point reports
 * @param payload the point as JSON text
 * @param at      when the server stored it
 */
public record MetricRecord(UUID runId, long seq, MetricKind kind, String payload, OffsetDateTime at) {
    /** Whether this is the run's last point: a STATUS point with a final status. */
    public boolean isTerminal() {
        return kind == MetricKind.STATUS && status().isFinal();
    }

    /** The status a STATUS point reports. */
    public RunStatus status() {
        if (kind != MetricKind.STATUS) {
            throw new IllegalStateException("a " + kind + " point has no status");
        }
        return RunStatus.valueOf(JsonMapper.shared().readTree(payload).path("status").asString());
    }
}
