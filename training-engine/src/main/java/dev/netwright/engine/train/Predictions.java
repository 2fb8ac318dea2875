package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * Turns a classifier's logits into probabilities and classes. Networks output raw logits (the losses apply
 * softmax / sigmoid themselves), so this is the one place where softmax is applied for predictions.
 * A single output column means a binary classifier with a sigmoid.
 */
final class Predictions {
    private Predictions() {
    }

    /** Class probabilities [batch, classes]; for a single logit column, P(class 1) [batch, 1]. */
    public static NDArray probabilities(NDArray logits) {
        return isBinary(logits) ? Activation.sigmoid(logits) : logits.softmax(-1);
    }

    /** Predicted class index per sample. */
    public static int[] classes(NDArray logits) {
        return classIndices(logits).toType(DataType.INT32, false).toIntArray();
    }

    /** Predicted class index per sample, still on the device (a boolean or integer array of length batch). */
    static NDArray classIndices(NDArray logits) {
        return isBinary(logits) ? logits.gt(0).reshape(-1) : logits.argMax(-1);
    }

    private static boolean isBinary(NDArray logits) {
        return logits.getShape().dimension() == 2 && logits.getShape().get(1) == 1;
    }
}
