package dev.netwright.engine.data.baseline;

import java.util.Map;

/**
 * Outcome of a baseline on the test split: the headline metric plus any others computed with it.
 *
 * @param modelKind  e.g. {@code logistic-regression}
 * @param metricName e.g. {@code accuracy} or {@code rmse}
 * @param value      the headline metric's value on the test split
 * @param metrics    every metric computed, headline included
 */
public record BaselineResult(String modelKind, String metricName, double value, Map<String, Double> metrics) {

    public BaselineResult {
        metrics = Map.copyOf(metrics);
    }
}
