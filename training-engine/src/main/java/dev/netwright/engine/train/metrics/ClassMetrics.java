package dev.netwright.engine.train.metrics;

/**
 * Per-class figures of a classification evaluation. Precision / recall are 0 when undefined (no predictions /
 * no samples of the class), as scikit-learn reports them.
 */
public record ClassMetrics(String className, double precision, double recall, double f1, long support) {
}
