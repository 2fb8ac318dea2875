package dev.netwright.engine.onnximport;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import dev.netwright.engine.compile.GraphBlock;
import dev.netwright.engine.compile.blocks.AxisBatchNorm;
import dev.netwright.engine.compile.blocks.RecurrentLayer;
import dev.netwright.engine.compile.blocks.TokenEmbedding;
import dev.netwright.engine.compile.blocks.TransformerEncoderLayer;
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
            Map<String, OnnxTensor> tensors = find(block, TransformerEncoderLayer.class) != null
                    ? attentionSplit(node.getValue()) : node.getValue();
            for (Map.Entry<String, OnnxTensor> w : tensors.entrySet()) {
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
                array.set(w.getValue().floatBuffer()); // from the file's bytes, no float[] in between
            }
            if (targets.size() != tensors.size()) {
                throw new OnnxImportException("node '" + node.getKey() + "' needs " + targets.keySet()
                        + " but the file gives " + tensors.keySet());
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
        TransformerEncoderLayer encoder = find(block, TransformerEncoderLayer.class);
        if (encoder != null) {
            Block attention = child(encoder, "attention");
            for (String[] linear : new String[][] {{"self_attn.q_proj_", "query"}, {"self_attn.k_proj_", "key"},
                    {"self_attn.v_proj_", "value"}, {"self_attn.out_proj.", "output"}}) {
                put(out, linear[0] + "weight", direct(child(attention, linear[1]), "weight"));
                put(out, linear[0] + "bias", direct(child(attention, linear[1]), "bias"));
            }
            for (String[] linear : new String[][] {{"linear1.", "feedForward1"}, {"linear2.", "feedForward2"}}) {
                put(out, linear[0] + "weight", direct(child(encoder, linear[1]), "weight"));
                put(out, linear[0] + "bias", direct(child(encoder, linear[1]), "bias"));
            }
            for (String norm : new String[] {"norm1", "norm2"}) {
                put(out, norm + ".weight", direct(child(encoder, norm), "gamma"));
                put(out, norm + ".bias", direct(child(encoder, norm), "beta"));
            }
            return out;
        }
        LayerNorm layerNorm = find(block, LayerNorm.class);
        if (layerNorm != null) {
            put(out, "weight", direct(layerNorm, "gamma"));
            put(out, "bias", direct(layerNorm, "beta"));
            return out;
        }
        TokenEmbedding embedding = find(block, TokenEmbedding.class);
        if (embedding != null) {
            put(out, "weight", direct(embedding, "embedding"));
            return out;
        }
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

    /**
     * PyTorch keeps the query, key and value projections as one in_proj matrix [3 dim, dim] (rows q, then k, then
     * v); the engine's attention has three Linear layers.
     */
    private static Map<String, OnnxTensor> attentionSplit(Map<String, OnnxTensor> weights) {
        Map<String, OnnxTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxTensor> w : weights.entrySet()) {
            String name = w.getKey();
            if (!name.startsWith("self_attn.in_proj_")) {
                out.put(name, w.getValue());
                continue;
            }
            String kind = name.substring("self_attn.in_proj_".length()); // weight or bias
            float[] all = w.getValue().asFloats();
            int part = all.length / 3;
            long[] dims = w.getValue().dims().clone();
            dims[0] /= 3;
            String[] parts = {"q", "k", "v"};
            for (int i = 0; i < 3; i++) {
                out.put("self_attn." + parts[i] + "_proj_" + kind,
                        OnnxTensor.ofFloats(Arrays.copyOfRange(all, i * part, (i + 1) * part), dims));
            }
        }
        return out;
    }

    /** A child block by the name it was added under (DJL prefixes a number: "01attention"). */
    private static Block child(Block block, String name) {
        for (Pair<String, Block> c : block.getChildren()) {
            if (c.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return c.getValue();
            }
        }
        throw new IllegalStateException(block.getClass().getSimpleName() + " has no child " + name);
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
