package dev.netwright.backend.metrics;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Live metric points of a run, for the web UI (Vaadin push) and SSE. A subscriber first receives every stored point
 * after {@code fromSeq}, then new points as they arrive, each exactly once and in seq order, on a feed thread (not
 * the caller's). Points come from any app instance through PostgreSQL LISTEN/NOTIFY.
 */
public interface RunMetricsFeed {

    Subscription subscribe(UUID runId, long fromSeq, Consumer<MetricRecord> consumer);

    /** Stops delivery; safe to call more than once and from the consumer itself. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
