package dev.netwright.engine.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

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
        NDArray quadratic = error.minimum(delta);
        NDArray linear = error.sub(quadratic);
        return quadratic.square().mul(0.5).add(linear.mul(delta)).mean();
    }
}
