package dev.netwright.engine.train.metrics;

import java.util.List;

/**
 * The L2 norm of each parameterised layer's gradients (all its weights and biases together), after backward and
 * before clipping. Comparing the first layer's norm with the last's shows vanishing or exploding gradients.
 *
 * @param epoch  1-based epoch
 * @param batch  1-based batch the norms come from, or 0 for the epoch summary (each layer's mean over the epoch's
 *               batches)
 * @param layers one entry per layer that has trainable parameters, input side first
 */
public record LayerGradientNorms(int epoch, int batch, List<LayerNorm> layers) {

    /** One layer's gradient norm; {@code layer} is the design node id for compiled designs. */
    public record LayerNorm(String layer, double norm) {
    }

    public LayerGradientNorms {
        layers = List.copyOf(layers);
    }

    public boolean isEpochSummary() {
        return batch == 0;
    }
}
