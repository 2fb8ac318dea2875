package dev.netwright.engine.train.loss;

import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.netwright.engine.train.config.LossKind;

/** Maps {@link LossKind} to a DJL loss. Classification losses take logits. */
public final class Losses {
    private Losses() {
    }

    public static Loss create(LossKind kind, double huberDelta) {
        return switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropy");
            case BINARY_CROSS_ENTROPY -> new SigmoidBinaryCrossEntropyLoss("BinaryCrossEntropy");
            // DJL's default L2Loss is 0.5 * e^2; weight 1 makes it the MSE users expect.
            case MSE -> new L2Loss("MSE", 1f);
            case MAE -> new L1Loss("MAE", 1f);
            case HUBER -> new HuberLoss(huberDelta);
        };
    }
}
