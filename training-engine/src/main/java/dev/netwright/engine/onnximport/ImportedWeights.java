package dev.netwright.engine.onnximport;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.netwright.engine.compile.GraphBlock;
import dev.netwright.engine.compile.blocks.AxisBatchNorm;
import dev.netwright.engine.compile.blocks.RecurrentLayer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts imported weights (PyTorch state-dict names and layouts, which ONNX files from PyTorch keep) into an
 * initialised compiled network, checking every shape: a mismatch is an import error, never a partly loaded model.
 */
final class ImportedWeights {
    private ImportedWeights() {
    }

    static void load(GraphBlock network, Map<String, Map<String, OnnxTensor>> weights) {
        Map<String, Block> blocks = network.nodeBlocks();
        for (Map.Entry<String, Map<String, OnnxTensor>> node : weights.entrySet()) {
            Block block = blocks.get(node.getKey());
            if (block == null) {
                throw new OnnxImportException("weights for '" + node.getKey() + "', which the network lacks");
            }
            Map<String, Parameter> targets = targets(block);
            for (Map.Entry<String, OnnxTensor> w : node.getValue().entrySet()) {
                Parameter p = targets.get(w.getKey());
                if (p == null) {
                    throw new OnnxImportException("node '" + node.getKey() + "' has no parameter " + w.getKey());
                }
                NDArray array = p.getArray();
                long[] expected = array.getShape().getShape();
                if (!Arrays.equals(expected, w.getValue().dims())) {
                    throw new OnnxImportException("the " + w.getKey() + " of '" + node.getKey() + "' is "
                            + Arrays.toString(w.getValue().dims()) + " in the file, but the layer needs "
                            + Arrays.toString(expected));
                }
                array.set(w.getValue().asFloats());
            }
            if (targets.size() != node.getValue().size()) {
                throw new OnnxImportException("node '" + node.getKey() + "' needs " + targets.keySet()
                        + " but the file gives " + node.getValue().keySet());
            }
        }
        blocks.forEach((id, block) -> {
            if (!weights.containsKey(id) && !block.getParameters().isEmpty()) {
                throw new OnnxImportException("no weights in the file for '" + id + "'");
            }
        });
    }

    /** The block's parameters under PyTorch's names for the layer kinds import creates. */
    private static Map<String, Parameter> targets(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Block layer = find(block, Linear.class);
        if (layer == null) {
            layer = find(block, Convolution.class);
        }
        if (layer != null) {
            put(out, "weight", direct(layer, "weight"));
            put(out, "bias", direct(layer, "bias"));
            return out;
        }
        if (block instanceof RecurrentLayer) {
            // one layer per node: "stack" (one direction) or "forward0"/"backward0", DJL keeping PyTorch's layouts
            for (Pair<String, Block> child : block.getChildren()) {
                String key = child.getKey().replaceFirst("^\\d+", "");
                String suffix = key.equals("backward0") ? "_l0_reverse" : "_l0";
                put(out, "weight_ih" + suffix, direct(child.getValue(), "l_0_i2h_WEIGHT"));
                put(out, "weight_hh" + suffix, direct(child.getValue(), "l_0_h2h_WEIGHT"));
                put(out, "bias_ih" + suffix, direct(child.getValue(), "l_0_i2h_BIAS"));
                put(out, "bias_hh" + suffix, direct(child.getValue(), "l_0_h2h_BIAS"));
            }
            return out;
        }
        AxisBatchNorm norm = find(block, AxisBatchNorm.class);
        if (norm != null) {
            Block inner = norm.getChildren().get(0).getValue();
            put(out, "weight", direct(inner, "gamma"));
            put(out, "bias", direct(inner, "beta"));
            put(out, "running_mean", direct(inner, "runningMean"));
            put(out, "running_var", direct(inner, "runningVar"));
        }
        return out;
    }

    private static void put(Map<String, Parameter> out, String name, Parameter p) {
        if (p != null) {
            out.put(name, p);
        }
    }

    private static Parameter direct(Block block, String name) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getValue().getName().equals(name) || p.getKey().equals(name)) {
                return p.getValue();
            }
        }
        return null;
    }

    private static <T extends Block> T find(Block block, Class<T> type) {
        if (type.isInstance(block)) {
            return type.cast(block);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            T found = find(child.getValue(), type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
