package dev.netwright.engine.train.metrics;

/**
 * Regression evaluation over all target values.
 *
 * @param r2 coefficient of determination (1 - SSres / SStot); NaN when the targets are constant
 */
public record RegressionReport(double loss, long samples, double mae, double rmse, double r2)
        implements EvaluationReport {
}
