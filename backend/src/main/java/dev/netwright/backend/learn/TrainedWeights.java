package dev.netwright.backend.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.netwright.designer.learn.ForwardInspector.DenseWeights;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.engine.run.TrainedModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Dense weights of a trained model directory, as the inspector takes them (weights[out][in], bias[out]). */
public final class TrainedWeights {
    private TrainedWeights() {
    }

    /** A trained model's design and its Dense layers' weights by node id. */
    public record Loaded(Design design, Map<String, DenseWeights> weights) {
    }

    /** @throws IllegalArgumentException when the directory holds no usable model */
    static Loaded read(Path modelDir) {
        return read(TrainedModel.load(modelDir));
    }

    /**
     * The weights in {@code modelDir} loaded into {@code design}, the one the server stored for the run (the
     * directory's own design.json came from a worker and is not trusted).
     *
     * @throws IllegalArgumentException when the weights do not fit the design
     */
    static Loaded read(Path modelDir, Design design) {
        return read(TrainedModel.load(modelDir, design));
    }

    private static Loaded read(TrainedModel loaded) {
        try (TrainedModel model = loaded) {
            Map<String, DenseWeights> weights = new LinkedHashMap<>();
            // the network's layers are those of the expansion when the design uses blocks
            Design layers = new dev.netwright.designer.block.BlockExpander().expand(model.design()).flat();
            for (Map.Entry<String, Block> e : model.block().nodeBlocks().entrySet()) {
                Node node = layers.node(e.getKey()).orElseThrow();
                if ("Dense".equals(node.type())) {
                    weights.put(node.id(), dense(node.id(), e.getValue()));
                }
            }
            return new Loaded(model.design(), Map.copyOf(weights));
        }
    }

    /** DJL's Linear keeps its weight as [units, inputs], the inspector's layout, and its bias as [units]. */
    private static DenseWeights dense(String nodeId, Block block) {
        double[][] w = null;
        double[] b = null;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            float[] values = array.toFloatArray();
            if (pair.getValue().getType() == Parameter.Type.WEIGHT) {
                int units = (int) array.getShape().get(0);
                int inputs = (int) (array.getShape().size() / units);
                w = new double[units][inputs];
                for (int u = 0; u < units; u++) {
                    for (int i = 0; i < inputs; i++) {
                        w[u][i] = values[u * inputs + i];
                    }
                }
            } else if (pair.getValue().getType() == Parameter.Type.BIAS) {
                b = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    b[i] = values[i];
                }
            }
        }
        if (w == null) {
            throw new IllegalArgumentException("the trained Dense node '" + nodeId + "' has no weight parameter");
        }
        return new DenseWeights(w, b == null ? new double[w.length] : b);
    }
}
