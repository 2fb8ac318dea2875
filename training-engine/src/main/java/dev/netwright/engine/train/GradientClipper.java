package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.netwright.engine.train.config.GradientClipping;

import java.util.ArrayList;
import java.util.List;

/** Gradient clipping by value and by global norm (the joint L2 norm of all gradients, as in clip_grad_norm_). */
final class GradientClipper {
    private GradientClipper() {
    }

    /**
     * Result of clipping.
     *
     * @param parameters parameters with clipped gradients (new arrays; the originals are untouched)
     * @param normBefore global gradient norm before clipping
     * @param normAfter  global gradient norm after clipping
     */
    public record Clipped(List<ParameterGradient> parameters, double normBefore, double normAfter) {
    }

    /** Global L2 norm of all gradients. */
    public static double globalNorm(List<ParameterGradient> parameters) {
        NDArray total = null;
        for (ParameterGradient p : parameters) {
            NDArray sq = p.gradient().square().sum();
            total = total == null ? sq : total.add(sq);
        }
        return total == null ? 0.0 : Math.sqrt(total.toType(DataType.FLOAT64, false).getDouble());
    }

    /** Clips by value first (clamp), then rescales so the global norm is at most {@code maxGlobalNorm}. */
    public static Clipped clip(List<ParameterGradient> parameters, GradientClipping clipping) {
        return clip(parameters, clipping, globalNorm(parameters));
    }

    /** {@link #clip(List, GradientClipping)} for a caller that has the global norm {@code before} already. */
    static Clipped clip(List<ParameterGradient> parameters, GradientClipping clipping, double before) {
        List<ParameterGradient> out = parameters;
        if (clipping.maxValue() > 0) {
            double c = clipping.maxValue();
            List<ParameterGradient> clamped = new ArrayList<>(parameters.size());
            for (ParameterGradient p : parameters) {
                clamped.add(p.withGradient(p.gradient().clip(-c, c)));
            }
            out = clamped;
        }
        double norm = out == parameters ? before : globalNorm(out);
        if (clipping.maxGlobalNorm() > 0 && norm > clipping.maxGlobalNorm()) {
            // Small epsilon as in PyTorch so the result stays strictly within the bound.
            double scale = clipping.maxGlobalNorm() / (norm + 1e-6);
            List<ParameterGradient> scaled = new ArrayList<>(out.size());
            for (ParameterGradient p : out) {
                scaled.add(p.withGradient(p.gradient().mul(scale)));
            }
            out = scaled;
            norm = norm * scale;
        }
        return new Clipped(List.copyOf(out), before, norm);
    }
}
