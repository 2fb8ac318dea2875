package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.compile.SavedScalar;

/** Huber loss: 0.5 e^2 for |e| <= delta, delta (|e| - 0.5 delta) beyond; mean over all elements. DJL has none. */
final class HuberLoss extends Loss {
    private final double delta;

    public HuberLoss(double delta) {
        super("HuberLoss");
        this.delta = delta;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray error = labels.singletonOrThrow().reshape(pred.getShape()).sub(pred).abs();
        // min(|e|, delta) is the quadratic part; the rest grows linearly.
        // (numbers as arrays that outlive the backward pass: see SavedScalar)
        NDArray d = SavedScalar.of(error, delta);
        NDArray quadratic = error.minimum(d);
        NDArray linear = error.sub(quadratic);
        return quadratic.square().mul(SavedScalar.of(error, 0.5)).add(linear.mul(d)).mean();
    }
}
