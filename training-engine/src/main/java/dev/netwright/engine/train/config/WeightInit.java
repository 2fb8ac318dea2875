package dev.netwright.engine.train.config;

/**
 * Initialisation of weight parameters (biases start at zero). NORMAL and UNIFORM use
 * {@link TrainingConfig#initScale()} as standard deviation / half-width.
 */
public enum WeightInit {
    /** Glorot uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    XAVIER,
    /** Kaiming normal for ReLU nets: N(0, 2 / fanIn). */
    HE,
    /** N(0, initScale^2). */
    NORMAL,
    /** U(-initScale, initScale). */
    UNIFORM
}
