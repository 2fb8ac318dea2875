package dev.netwright.engine.compile.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class ChannelBatchNormTest {

    /** Two channels, batch of 2 x 2 spatial values: channel 0 holds 1..8 paired with channel 1 = 10 x that. */
    private static NDArray batch(NDManager m) {
        float[] values = {1, 2, 3, 4, 10, 20, 30, 40, 5, 6, 7, 8, 50, 60, 70, 80};
        return m.create(values, new Shape(2, 2, 2, 2));
    }

    @Test
    void normalisesEachChannelWithTheBatchStatisticsAndUpdatesRunningOnesLikePyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            ChannelBatchNorm norm = new ChannelBatchNorm(0.1f, 1e-5f);
            norm.initialize(m, DataType.FLOAT32, new Shape(2, 2, 2, 2));
            NDArray y = norm.forward(new ParameterStore(m, false), new NDList(batch(m)), true).head();

            float[] out = y.toFloatArray();
            // channel 0 values 1,2,3,4,5,6,7,8: mean 4.5, biased variance 5.25
            assertThat(out[0]).isCloseTo((float) ((1 - 4.5) / Math.sqrt(5.25 + 1e-5)), within(1e-5f));
            // channel 1 is channel 0 times ten, so it normalises to the same values
            assertThat(out[4]).isCloseTo(out[0], within(1e-4f));

            float[] runningMean = parameter(norm, "runningMean");
            float[] runningVar = parameter(norm, "runningVar");
            assertThat(runningMean[0]).isCloseTo(0.45f, within(1e-5f));
            assertThat(runningMean[1]).isCloseTo(4.5f, within(1e-4f));
            // unbiased variance 6.0 for channel 0 (5.25 * 8 / 7) enters the running estimate
            assertThat(runningVar[0]).isCloseTo(0.9f + 0.1f * 6.0f, within(1e-5f));
        }
    }

    @Test
    void inferenceUsesTheRunningStatistics() {
        try (NDManager m = NDManager.newBaseManager()) {
            ChannelBatchNorm norm = new ChannelBatchNorm(0.1f, 0f);
            norm.initialize(m, DataType.FLOAT32, new Shape(2, 2, 2, 2));
            // fresh running statistics are mean 0, variance 1: inference is the identity
            NDArray x = batch(m);
            NDArray y = norm.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
        }
    }

    @Test
    void gradientsAreFiniteWhenTheOutputFeedsAConvolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            ChannelBatchNorm norm = new ChannelBatchNorm(0.1f, 1e-5f);
            norm.initialize(m, DataType.FLOAT32, new Shape(8, 4, 7, 7));
            NDArray x = m.randomNormal(new Shape(8, 4, 7, 7));
            NDArray kernel = m.randomNormal(new Shape(3, 4, 3, 3));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = norm.forward(new ParameterStore(m, false), new NDList(x), true).head();
                NDArray z = ai.djl.nn.convolutional.Conv2d.conv2d(y, kernel, null, new Shape(1, 1), new Shape(1, 1),
                        new Shape(1, 1)).head();
                collector.backward(z.square().mean());
            }
            for (float g : x.getGradient().toFloatArray()) {
                assertThat(g).isFinite();
            }
            for (float g : norm.getParameters().get("gamma").getArray().getGradient().toFloatArray()) {
                assertThat(g).isFinite();
            }
        }
    }

    private static float[] parameter(ChannelBatchNorm norm, String name) {
        return norm.getParameters().get(name).getArray().toFloatArray();
    }
}
