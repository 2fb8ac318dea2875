package dev.netwright.engine.compile.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The LSTM a trained model predicts with is the textbook cell it was trained as, whatever its width. */
class RecurrentLayerTest {

    @ParameterizedTest(name = "{0} units")
    @ValueSource(ints = {3, 4, 5, 8, 16, 24, 33})
    void inferenceFollowsTheTextbookLstmCell(int units) {
        int batch = 2, steps = 5, features = 3;
        try (NDManager m = NDManager.newBaseManager()) {
            RecurrentLayer layer = new RecurrentLayer(RecurrentLayer.Cell.LSTM, units, 1, false, true, 0f);
            layer.initialize(m, DataType.FLOAT32, new Shape(batch, steps, features));
            NDArray x = m.randomUniform(-1, 1, new Shape(batch, steps, features));
            float[] y = layer.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();

            float[] wih = parameter(layer, "i2h_WEIGHT");
            float[] whh = parameter(layer, "h2h_WEIGHT");
            float[] bih = parameter(layer, "i2h_BIAS");
            float[] bhh = parameter(layer, "h2h_BIAS");
            float[] xs = x.toFloatArray();
            for (int b = 0; b < batch; b++) {
                double[] h = new double[units];
                double[] c = new double[units];
                for (int t = 0; t < steps; t++) {
                    // gates in PyTorch order: input, forget, cell candidate, output
                    double[] z = new double[4 * units];
                    for (int g = 0; g < 4 * units; g++) {
                        z[g] = bih[g] + bhh[g];
                        for (int j = 0; j < features; j++) {
                            z[g] += wih[g * features + j] * xs[(b * steps + t) * features + j];
                        }
                        for (int j = 0; j < units; j++) {
                            z[g] += whh[g * units + j] * h[j];
                        }
                    }
                    double[] next = new double[units];
                    for (int u = 0; u < units; u++) {
                        c[u] = sigmoid(z[units + u]) * c[u] + sigmoid(z[u]) * Math.tanh(z[2 * units + u]);
                        next[u] = sigmoid(z[3 * units + u]) * Math.tanh(c[u]);
                        assertThat((double) y[(b * steps + t) * units + u]).as("sample %d step %d unit %d", b, t, u)
                                .isCloseTo(next[u], org.assertj.core.data.Offset.offset(1e-5));
                    }
                    h = next;
                }
            }
        }
    }

    private static float[] parameter(RecurrentLayer layer, String suffix) {
        for (Pair<String, Parameter> p : layer.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no parameter ending " + suffix);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
