package dev.netwright.engine.worker;

/**
 * How a job ended, as the worker reports it.
 *
 * @param status            SUCCEEDED, FAILED or CANCELLED
 * @param failure           why it failed, in words (null otherwise)
 * @param finalMetricsJson  last epoch and test evaluation as JSON (null when nothing trained)
 */
public record JobResult(String status, String failure, String finalMetricsJson) {
}
