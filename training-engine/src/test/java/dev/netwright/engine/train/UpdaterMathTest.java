package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.OptimizerConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Update rules and clipping checked against hand-computed values on a single scalar weight. */
class UpdaterMathTest {

    /** Applies two steps with gradients g1, g2 to w = 1 and returns w after each step. */
    private static double[] twoSteps(OptimizerConfig config, double lr, float g1, float g2) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f});
            try (ParameterUpdater updater = Updaters.create(config, manager)) {
                updater.update(List.of(new ParameterGradient("w", w, manager.create(new float[] {g1}), true)), lr);
                double after1 = w.getFloat(0);
                updater.update(List.of(new ParameterGradient("w", w, manager.create(new float[] {g2}), true)), lr);
                return new double[] {after1, w.getFloat(0)};
            }
        }
    }

    @Test
    void sgd() {
        double[] w = twoSteps(OptimizerConfig.defaults(OptimizerKind.SGD), 0.1, 2, 1);
        assertThat(w[0]).isCloseTo(0.8, within(1e-6));
        assertThat(w[1]).isCloseTo(0.7, within(1e-6));
    }

    @Test
    void momentum() {
        // v1 = 2, w = 1 - 0.2; v2 = 0.9 * 2 + 1 = 2.8, w = 0.8 - 0.28
        double[] w = twoSteps(OptimizerConfig.defaults(OptimizerKind.MOMENTUM).withMomentum(0.9), 0.1, 2, 1);
        assertThat(w[0]).isCloseTo(0.8, within(1e-6));
        assertThat(w[1]).isCloseTo(0.52, within(1e-6));
    }

    @Test
    void nesterovLooksAhead() {
        // v1 = 2, step g + mu v = 2 + 1.8 = 3.8 -> 0.62; v2 = 2.8, step 1 + 2.52 = 3.52 -> 0.268
        double[] w = twoSteps(OptimizerConfig.defaults(OptimizerKind.NESTEROV).withMomentum(0.9), 0.1, 2, 1);
        assertThat(w[0]).isCloseTo(0.62, within(1e-6));
        assertThat(w[1]).isCloseTo(0.268, within(1e-6));
    }

    @Test
    void rmsProp() {
        // s1 = 0.1 * 4 = 0.4, w = 1 - 0.01 * 2 / sqrt(0.4)
        double[] w = twoSteps(OptimizerConfig.defaults(OptimizerKind.RMSPROP).withRho(0.9), 0.01, 2, 1);
        double w1 = 1 - 0.01 * 2 / Math.sqrt(0.4);
        double s2 = 0.9 * 0.4 + 0.1;
        assertThat(w[0]).isCloseTo(w1, within(1e-6));
        assertThat(w[1]).isCloseTo(w1 - 0.01 / Math.sqrt(s2), within(1e-6));
    }

    @Test
    void adamFirstStepHasTheSizeOfTheLearningRate() {
        double[] w = twoSteps(OptimizerConfig.defaults(OptimizerKind.ADAM), 0.01, 2, 1);
        assertThat(w[0]).isCloseTo(0.99, within(1e-6));
        double m = 0.9 * 0.2 + 0.1;
        double v = 0.999 * 0.004 + 0.001;
        double step = 0.01 * (m / (1 - 0.81)) / Math.sqrt(v / (1 - 0.999 * 0.999));
        assertThat(w[1]).isCloseTo(0.99 - step, within(1e-6));
    }

    @Test
    void adamWDecaysTheWeightIndependentlyOfTheGradient() {
        // With a zero gradient Adam's step is 0; only the decoupled decay lr * wd * w acts.
        double[] w = twoSteps(OptimizerConfig.defaults(OptimizerKind.ADAMW).withWeightDecay(0.1), 0.1, 0, 0);
        assertThat(w[0]).isCloseTo(0.99, within(1e-6));
        assertThat(w[1]).isCloseTo(0.9801, within(1e-6));
        // Coupled Adam with the same decay moves by a full Adam step instead.
        double[] coupled = twoSteps(OptimizerConfig.defaults(OptimizerKind.ADAM).withWeightDecay(0.1), 0.1, 0, 0);
        assertThat(coupled[0]).isCloseTo(0.9, within(1e-5));
    }

    @Test
    void adagradAccumulatesSquaredGradients() {
        double[] w = twoSteps(OptimizerConfig.defaults(OptimizerKind.ADAGRAD), 0.1, 2, 1);
        assertThat(w[0]).isCloseTo(0.9, within(1e-6));
        assertThat(w[1]).isCloseTo(0.9 - 0.1 / Math.sqrt(5), within(1e-6));
    }

    @Test
    void clippingByGlobalNormBoundsTheJointNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ParameterGradient> grads = List.of(
                    new ParameterGradient("a", manager.zeros(new ai.djl.ndarray.types.Shape(2)),
                            manager.create(new float[] {30f, 40f}), true),
                    new ParameterGradient("b", manager.zeros(new ai.djl.ndarray.types.Shape(1)),
                            manager.create(new float[] {0f}), false));
            GradientClipper.Clipped clipped = GradientClipper.clip(grads, GradientClipping.byNorm(1.0));
            assertThat(clipped.normBefore()).isCloseTo(50.0, within(1e-4));
            assertThat(GradientClipper.globalNorm(clipped.parameters())).isLessThanOrEqualTo(1.0);
            assertThat(clipped.normAfter()).isCloseTo(1.0, within(1e-5));
            float[] a = clipped.parameters().get(0).gradient().toFloatArray();
            assertThat(a[0] / a[1]).isCloseTo(0.75f, within(1e-5f));

            GradientClipper.Clipped small = GradientClipper.clip(grads, GradientClipping.byNorm(100));
            assertThat(small.parameters().get(0).gradient().toFloatArray()).containsExactly(30f, 40f);
        }
    }

    @Test
    void clippingByValueClampsEveryElement() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ParameterGradient> grads = List.of(new ParameterGradient("a",
                    manager.zeros(new ai.djl.ndarray.types.Shape(3)), manager.create(new float[] {-5f, 0.2f, 9f}),
                    true));
            GradientClipper.Clipped clipped = GradientClipper.clip(grads, GradientClipping.byValue(0.5));
            assertThat(clipped.parameters().get(0).gradient().toFloatArray()).containsExactly(-0.5f, 0.2f, 0.5f);
        }
    }
}
