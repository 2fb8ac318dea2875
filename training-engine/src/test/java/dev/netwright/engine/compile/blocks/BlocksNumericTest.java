package dev.netwright.engine.compile.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Checks the hand-built blocks against their textbook definitions computed naively in Java. */
class BlocksNumericTest {

    /** out[o, i*s - p + a, j*s - p + b] += x[c, i, j] * w[c, o, a, b], cropped to the output size. */
    private static float[] naiveTransposed(float[] x, int c, int h, int w, float[] weight, int filters, int k,
                                           int s, int p, int op, float[] bias) {
        int oh = (h - 1) * s - 2 * p + k + op;
        int ow = (w - 1) * s - 2 * p + k + op;
        float[] out = new float[filters * oh * ow];
        for (int o = 0; o < filters; o++) {
            for (int i = 0; i < oh * ow; i++) {
                out[o * oh * ow + i] = bias[o];
            }
        }
        for (int ci = 0; ci < c; ci++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    for (int o = 0; o < filters; o++) {
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                int y = i * s - p + a;
                                int z = j * s - p + b;
                                if (y >= 0 && y < oh && z >= 0 && z < ow) {
                                    out[(o * oh + y) * ow + z] += x[(ci * h + i) * w + j]
                                            * weight[((ci * filters + o) * k + a) * k + b];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void transposedConvolutionMatchesItsDefinition() {
        int[][] cases = {{4, 2, 1, 0}, {3, 2, 1, 1}, {3, 1, 0, 0}, {2, 3, 0, 0}};
        Random random = new Random(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] cs : cases) {
                int k = cs[0], s = cs[1], p = cs[2], op = cs[3];
                int c = 2, h = 3, w = 4, filters = 3;
                TransposedConvolution2D block = new TransposedConvolution2D(filters, new int[] {k, k},
                        new int[] {s, s}, new int[] {p, p}, new int[] {op, op}, true);
                block.initialize(manager, DataType.FLOAT32, new Shape(1, c, h, w));
                float[] weight = new float[c * filters * k * k];
                float[] bias = new float[filters];
                float[] x = new float[c * h * w];
                for (float[] a : new float[][] {weight, bias, x}) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) random.nextGaussian();
                    }
                }
                block.getParameters().get("weight").getArray().set(weight);
                block.getParameters().get("bias").getArray().set(bias);
                NDArray out = block.forward(new ParameterStore(manager, false),
                        new NDList(manager.create(x, new Shape(1, c, h, w))), false).head();
                float[] expected = naiveTransposed(x, c, h, w, weight, filters, k, s, p, op, bias);
                assertThat(out.getShape()).isEqualTo(block.getOutputShapes(new Shape[] {new Shape(1, c, h, w)})[0]);
                assertThat(out.toFloatArray()).as("k%d s%d p%d op%d", k, s, p, op)
                        .containsExactly(expected, Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void sinusoidsFollowTheTransformerFormula() {
        float[] pe = PositionalEncodingBlock.sinusoids(10, 6);
        assertThat(pe[0]).isEqualTo(0f);                                      // sin(0)
        assertThat(pe[1]).isEqualTo(1f);                                      // cos(0)
        assertThat(pe[3 * 6 + 2]).isCloseTo((float) Math.sin(3 / Math.pow(10000, 2.0 / 6)), Offset.offset(1e-6f));
        assertThat(pe[3 * 6 + 5]).isCloseTo((float) Math.cos(3 / Math.pow(10000, 4.0 / 6)), Offset.offset(1e-6f));
    }

    @Test
    void axisBatchNormNormalisesTheChosenAxis() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AxisBatchNorm norm = new AxisBatchNorm(-1, 2, 0.1f, 1e-5f);
            Shape shape = new Shape(16, 5, 3);
            norm.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomNormal(3f, 2f, shape, DataType.FLOAT32);
            NDArray y = norm.forward(new ParameterStore(manager, false), new NDList(x), true).head();
            float[] means = y.reshape(-1, 3).mean(new int[] {0}).toFloatArray();
            assertThat(means).hasSize(3).containsOnly(new float[] {0f, 0f, 0f}, Offset.offset(1e-4f));
        }
    }
}
