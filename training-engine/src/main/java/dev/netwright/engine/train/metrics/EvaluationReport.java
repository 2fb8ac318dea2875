package dev.netwright.engine.train.metrics;

/** Final evaluation of a trained model on a split (normally the test split). */
public sealed interface EvaluationReport permits ClassificationReport, RegressionReport {

    /** Mean loss on the split. */
    double loss();

    /** Number of evaluated samples. */
    long samples();
}
