package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.train.config.LossKind;
import java.util.Arrays;

/**
 * Cross-entropy on logits with a weight per class: each sample's loss is multiplied by its true class's weight and
 * the batch takes the weighted mean (sum of w_i * loss_i over sum of w_i, as PyTorch's {@code weight} argument
 * does), so the loss keeps its scale while rare classes count more. Softmax cross-entropy takes one class index per
 * sample; binary cross-entropy one 0/1 target per sample (a single sigmoid output).
 */
final class ClassWeightedLoss extends Loss {
    private final LossKind kind;
    private final float[] weights;

    public ClassWeightedLoss(LossKind kind, float[] weights) {
        super(kind == LossKind.SOFTMAX_CROSS_ENTROPY ? "SoftmaxCrossEntropy" : "BinaryCrossEntropy");
        if (!kind.isClassification()) {
            throw new IllegalArgumentException("class weights need a classification loss, got " + kind);
        }
        if (kind == LossKind.BINARY_CROSS_ENTROPY && weights.length != 2) {
            throw new IllegalArgumentException("binary cross-entropy takes two class weights, got " + weights.length);
        }
        this.kind = kind;
        this.weights = weights.clone();
    }

    float[] weights() {
        return weights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray label = labels.singletonOrThrow().reshape(-1);
        NDArray classWeights = logits.getManager().create(weights).toType(logits.getDataType(), false);
        NDArray sampleWeights = classWeights.get(label.toType(DataType.INT64, false));
        NDArray perSample;
        if (kind == LossKind.SOFTMAX_CROSS_ENTROPY) {
            NDArray logProbabilities = logits.logSoftmax(-1);
            NDArray oneHot = label.toType(DataType.INT64, false).oneHot(weights.length)
                    .toType(logits.getDataType(), false);
            perSample = logProbabilities.mul(oneHot).sum(new int[] {-1}).neg();
        } else {
            if (logits.getShape().getLastDimension() != 1) {
                throw new IllegalArgumentException("class weights with binary cross-entropy need a single output, "
                        + "got " + logits.getShape().getLastDimension());
            }
            // -[y log s(z) + (1 - y) log(1 - s(z))] = softplus(z) - y z, stable for large |z|
            NDArray z = logits.reshape(-1);
            NDArray y = label.toType(logits.getDataType(), false);
            perSample = softplus(z).sub(y.mul(z));
        }
        return perSample.mul(sampleWeights).sum().div(sampleWeights.sum());
    }

    /** log(1 + e^z) without overflow: max(z, 0) + log(1 + e^-|z|) (relu: no number operand, see SavedScalar). */
    private static NDArray softplus(NDArray z) {
        return ai.djl.nn.Activation.relu(z).add(z.abs().neg().exp().add(1).log());
    }

    @Override
    public String toString() {
        return kind + " weighted " + Arrays.toString(weights);
    }
}
