package dev.netwright.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.netwright.engine.train.config.ClassWeighting;
import dev.netwright.engine.train.config.LossKind;
import org.junit.jupiter.api.Test;

class ClassWeightedLossTest {
    @Test
    void balancedWeightsMakeEachClassCountTheSame() {
        float[] w = ClassWeighting.BALANCED.weights(new int[] {90, 10, 0});
        // n / (present classes x count): 100 / (2 x 90), 100 / (2 x 10); an absent class weighs 1
        assertThat(w[0]).isCloseTo(0.5556f, within(1e-4f));
        assertThat(w[1]).isCloseTo(5f, within(1e-6f));
        assertThat(w[2]).isEqualTo(1f);
        assertThat(ClassWeighting.NONE.weights(new int[] {90, 10})).containsExactly(1f, 1f);
    }

    @Test
    void isTheWeightedMeanOfTheCrossEntropyAndPlainWithEqualWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            var logits = new NDList(m.create(new float[] {2, -1, 0.5f, 0.5f, -3, 4}, new Shape(3, 2)));
            var labels = new NDList(m.create(new float[] {0, 1, 1}));
            float plain = new SoftmaxCrossEntropyLoss().evaluate(labels, logits).getFloat();
            assertThat(new ClassWeightedLoss(LossKind.SOFTMAX_CROSS_ENTROPY, new float[] {1, 1})
                    .evaluate(labels, logits).getFloat()).isCloseTo(plain, within(1e-6f));
            // per-sample losses: -log softmax picks
            double l0 = Math.log(1 + Math.exp(-3));
            double l1 = Math.log(1 + Math.exp(0));
            double l2 = Math.log(1 + Math.exp(-7));
            double expected = (1 * l0 + 3 * l1 + 3 * l2) / 7;
            assertThat(new ClassWeightedLoss(LossKind.SOFTMAX_CROSS_ENTROPY, new float[] {1, 3})
                    .evaluate(labels, logits).getFloat()).isCloseTo((float) expected, within(1e-6f));
        }
    }

    @Test
    void binaryCrossEntropyMatchesDjlsAndStaysFiniteAtLargeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            var logits = new NDList(m.create(new float[] {1.5f, -0.5f, 3f}, new Shape(3, 1)));
            var labels = new NDList(m.create(new float[] {1, 0, 0}, new Shape(3, 1)));
            float plain = new SigmoidBinaryCrossEntropyLoss().evaluate(labels, logits).getFloat();
            assertThat(new ClassWeightedLoss(LossKind.BINARY_CROSS_ENTROPY, new float[] {1, 1})
                    .evaluate(labels, logits).getFloat()).isCloseTo(plain, within(1e-5f));
            var extreme = new NDList(m.create(new float[] {200f, -200f}, new Shape(2, 1)));
            var wrong = new NDList(m.create(new float[] {0, 1}, new Shape(2, 1)));
            assertThat(new ClassWeightedLoss(LossKind.BINARY_CROSS_ENTROPY, new float[] {1, 2})
                    .evaluate(wrong, extreme).getFloat()).isCloseTo(200f, within(1e-3f));
        }
    }
}
