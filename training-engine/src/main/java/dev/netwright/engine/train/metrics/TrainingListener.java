package dev.netwright.engine.train.metrics;

/**
 * Receives a supervised run's progress. Called on the training thread: implementations must be quick (queue or
 * drop the values) or they slow training down. All methods default to doing nothing.
 */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    default void onBatch(BatchMetrics metrics) {
    }

    default void onEpoch(EpochMetrics metrics) {
    }

    /** Final evaluation on the test split. */
    default void onEvaluation(EvaluationReport report) {
    }

    /** A human-readable note (resume, early stop, learning-rate cut). */
    default void onMessage(String message) {
    }
}
