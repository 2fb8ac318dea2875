package dev.netwright.engine.worker;

import dev.netwright.engine.api.MetricKind;

import java.util.Objects;
import java.util.UUID;

/**
 * One reported value of a run: its kind, its JSON payload, and a key the worker picks once per point. A delivery
 * retried after an outage sends the same key, and the server stores a key once: retries are idempotent for every
 * kind, not only for epochs.
 */
public record MetricPoint(MetricKind kind, String json, String key) {
    public MetricPoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    /** A new point with a fresh key. */
    static MetricPoint of(MetricKind kind, String json) {
        return new MetricPoint(kind, json, UUID.randomUUID().toString());
    }
}
