package dev.netwright.engine.train.config;

/**
 * Training loss. Classification losses expect raw logits from the network: the loss applies
 * (log-)softmax or sigmoid itself, so a design must not end in a softmax layer.
 */
public enum LossKind {
    /** Softmax cross-entropy on logits; targets are class indices. */
    SOFTMAX_CROSS_ENTROPY,
    /** Sigmoid binary cross-entropy on logits; targets are 0/1 per output. */
    BINARY_CROSS_ENTROPY,
    /** Mean squared error. */
    MSE,
    /** Mean absolute error. */
    MAE,
    /** Huber (smooth L1) loss with threshold {@link TrainingConfig#huberDelta()}. */
    HUBER;

    /** Whether the loss trains a classifier (predictions are class indices). */
    public boolean isClassification() {
        return this == SOFTMAX_CROSS_ENTROPY || this == BINARY_CROSS_ENTROPY;
    }
}
