package dev.netwright.engine.api;

/** The payload of a {@link MetricKind#MESSAGE} point: one line for the run's log. */
public record MessagePoint(String text) {
}
