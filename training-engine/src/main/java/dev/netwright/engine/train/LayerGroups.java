package dev.netwright.engine.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.netwright.engine.train.metrics.LayerGradientNorms;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which layer each trainable parameter belongs to, in the order {@link ParameterAccess#gradients} lists them.
 * A layer is a direct child of the trained block (one design node for compiled designs); DJL names children
 * with a two-digit position prefix ("01hidden1"), which is dropped so the name is the node id again.
 */
final class LayerGroups {
    private final List<String> layers;
    private final int[] layerOfParameter;

    private LayerGroups(List<String> layers, int[] layerOfParameter) {
        this.layers = List.copyOf(layers);
        this.layerOfParameter = layerOfParameter;
    }

    /** Must be called after the block is initialised, so the parameter list is the one training sees. */
    static LayerGroups of(Block block) {
        Map<Parameter, String> owner = new IdentityHashMap<>();
        for (Pair<String, Block> child : block.getChildren()) {
            String layer = child.getKey().replaceFirst("^\\d{2}", "");
            for (Pair<String, Parameter> p : child.getValue().getParameters()) {
                owner.put(p.getValue(), layer);
            }
        }
        List<String> layers = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (!(p.requiresGradient() && p.isInitialized())) {
                continue; // same filter as ParameterAccess.gradients
            }
            // parameters of the root block itself (not of a child) form a layer named after the parameter
            String layer = owner.getOrDefault(p, pair.getKey());
            int index = layers.indexOf(layer);
            if (index < 0) {
                layers.add(layer);
                index = layers.size() - 1;
            }
            indices.add(index);
        }
        return new LayerGroups(layers, indices.stream().mapToInt(Integer::intValue).toArray());
    }

    int layerCount() {
        return layers.size();
    }

    /** Per-layer L2 norms from per-parameter sums of squared gradients (same order as the parameters). */
    double[] norms(float[] parameterSquares) {
        if (parameterSquares.length != layerOfParameter.length) {
            throw new IllegalStateException("expected " + layerOfParameter.length + " parameter gradients, got "
                    + parameterSquares.length + " (did the block gain or lose parameters?)");
        }
        double[] sums = new double[layers.size()];
        for (int i = 0; i < parameterSquares.length; i++) {
            sums[layerOfParameter[i]] += parameterSquares[i];
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] = Math.sqrt(sums[i]);
        }
        return sums;
    }

    LayerGradientNorms report(int epoch, int batch, double[] norms) {
        List<LayerGradientNorms.LayerNorm> out = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            out.add(new LayerGradientNorms.LayerNorm(layers.get(i), norms[i]));
        }
        return new LayerGradientNorms(epoch, batch, out);
    }
}
