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

    /**
     * Per-layer gradient norms: once per epoch as the epoch's mean (batch 0), and also every
     * {@link #layerGradientInterval()} batches when that is positive.
     */
    default void onLayerGradients(LayerGradientNorms norms) {
    }

    /** Report single batches' per-layer gradient norms every this many batches; 0 = only the epoch summary. */
    default int layerGradientInterval() {
        return 0;
    }

    /** Final evaluation on the test split. */
    default void onEvaluation(EvaluationReport report) {
    }

    /** A human-readable note (resume, early stop, learning-rate cut). */
    default void onMessage(String message) {
    }
}
