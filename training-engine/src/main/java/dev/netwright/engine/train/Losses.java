package dev.netwright.engine.train;

import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.netwright.engine.train.config.LossKind;

/** Maps {@link LossKind} to a DJL loss. Classification losses take logits. */
final class Losses {
    private Losses() {
    }

    public static Loss create(LossKind kind, double huberDelta) {
        return switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropy");
            case BINARY_CROSS_ENTROPY -> new SigmoidBinaryCrossEntropyLoss("BinaryCrossEntropy");
            case MSE -> new MeanErrorLoss("MSE", true);
            case MAE -> new MeanErrorLoss("MAE", false);
            case HUBER -> new HuberLoss(huberDelta);
        };
    }
}
