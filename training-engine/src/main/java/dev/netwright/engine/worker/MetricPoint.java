package dev.netwright.engine.worker;

/** One reported value of a run: kind (BATCH, EPOCH, EVALUATION, MESSAGE, STATUS) and its JSON payload. */
public record MetricPoint(String kind, String json) {
}
