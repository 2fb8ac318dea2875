package dev.netwright.engine.api;

/** The payload of a {@link MetricKind#SAMPLES} point: the picture of an epoch's generated samples was stored. */
public record SamplesPoint(int epoch, long bytes) {
}
