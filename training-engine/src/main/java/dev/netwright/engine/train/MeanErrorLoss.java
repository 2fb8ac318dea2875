package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Mean squared or mean absolute error over all elements. Not DJL's L2Loss/L1Loss: those multiply by their weight as
 * a Java number, an operand that DJL's PyTorch engine frees before the backward pass reads it (see
 * {@link dev.netwright.engine.compile.SavedScalar}).
 */
final class MeanErrorLoss extends Loss {
    private final boolean squared;

    MeanErrorLoss(String name, boolean squared) {
        super(name);
        this.squared = squared;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray error = labels.singletonOrThrow().reshape(pred.getShape()).sub(pred);
        return (squared ? error.square() : error.abs()).mean();
    }
}
