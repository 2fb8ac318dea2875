package dev.netwright.engine.worker;

import java.util.Objects;
import java.util.UUID;

/**
 * One reported value of a run: kind (BATCH, EPOCH, EVALUATION, MESSAGE, STATUS), its JSON payload, and a key the
 * worker picks once per point. A delivery retried after an outage sends the same key, and the server stores a key
 * once: retries are idempotent for every kind, not only for epochs.
 */
public record MetricPoint(String kind, String json, String key) {
    public MetricPoint {
        Objects.requireNonNull(key, "key");
    }

    /** A new point with a fresh key. */
    public static MetricPoint of(String kind, String json) {
        return new MetricPoint(kind, json, UUID.randomUUID().toString());
    }
}
