package dev.netwright.engine.compile;

import ai.djl.ndarray.NDArray;

/**
 * The activation of a design's output layer when it was left out of the compiled block because the loss applies it
 * itself (softmax inside softmax cross-entropy, sigmoid inside binary cross-entropy): applying it twice would train
 * the wrong function. Predictions apply it with {@link #apply}.
 */
public enum OutputActivation {
    NONE, SOFTMAX, SIGMOID;

    public NDArray apply(NDArray logits) {
        return switch (this) {
            case NONE -> logits;
            case SOFTMAX -> logits.softmax(-1);
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(logits);
        };
    }
}
