package dev.netwright.engine.worker;

import dev.netwright.engine.api.MetricKind;

/** One reported value of a run: its kind and its JSON payload. */
public record MetricPoint(MetricKind kind, String json) {
}
