package dev.netwright.engine.train.config;

/**
 * Gradient clipping, applied after back-propagation and before the update. Zero disables a rule. When both are
 * set, values are clipped first, then the global norm is rescaled.
 *
 * @param maxGlobalNorm rescale all gradients together when their joint L2 norm exceeds this
 * @param maxValue      clamp every gradient element to {@code [-maxValue, maxValue]}
 */
public record GradientClipping(double maxGlobalNorm, double maxValue) {

    public static final GradientClipping NONE = new GradientClipping(0, 0);

    public GradientClipping {
        Checks.nonNegative("gradient clipping norm", maxGlobalNorm);
        Checks.nonNegative("gradient clipping value", maxValue);
    }

    public static GradientClipping byNorm(double maxNorm) {
        return new GradientClipping(maxNorm, 0);
    }

    public static GradientClipping byValue(double maxValue) {
        return new GradientClipping(0, maxValue);
    }

    boolean isActive() {
        return maxGlobalNorm > 0 || maxValue > 0;
    }
}
