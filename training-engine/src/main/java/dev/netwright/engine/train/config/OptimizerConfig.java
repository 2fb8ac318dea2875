package dev.netwright.engine.train.config;

import java.util.Objects;

/**
 * Optimizer settings. Fields an optimizer does not use are ignored by it (e.g. betas for SGD).
 *
 * @param kind         update rule
 * @param learningRate base learning rate (before any schedule)
 * @param momentum     momentum for MOMENTUM and NESTEROV
 * @param beta1        first-moment decay for ADAM / ADAMW
 * @param beta2        second-moment decay for ADAM / ADAMW
 * @param rho          squared-gradient decay for RMSPROP
 * @param epsilon      numerical stabiliser in adaptive optimizers
 * @param weightDecay  weight decay; decoupled for ADAMW, added to the gradient (PyTorch style) otherwise
 */
public record OptimizerConfig(OptimizerKind kind, double learningRate, double momentum, double beta1, double beta2,
                              double rho, double epsilon, double weightDecay) {

    public OptimizerConfig {
        Objects.requireNonNull(kind, "optimizer kind");
        Checks.positive("learning rate", learningRate);
        Checks.inUnitInterval("momentum", momentum, true);
        Checks.inUnitInterval("beta1", beta1, false);
        Checks.inUnitInterval("beta2", beta2, false);
        Checks.inUnitInterval("rho", rho, false);
        Checks.positive("epsilon", epsilon);
        Checks.nonNegative("weight decay", weightDecay);
    }

    /** Defaults for a given rule: learning rate 1e-3 for adaptive rules, 1e-2 for SGD variants. */
    public static OptimizerConfig defaults(OptimizerKind kind) {
        boolean sgdFamily = kind == OptimizerKind.SGD || kind == OptimizerKind.MOMENTUM
                || kind == OptimizerKind.NESTEROV;
        double lr = sgdFamily ? 0.01 : (kind == OptimizerKind.ADAGRAD ? 0.01 : 0.001);
        double wd = kind == OptimizerKind.ADAMW ? 0.01 : 0.0;
        return new OptimizerConfig(kind, lr, 0.9, 0.9, 0.999, 0.9, 1e-8, wd);
    }

    public OptimizerConfig withLearningRate(double value) {
        return new OptimizerConfig(kind, value, momentum, beta1, beta2, rho, epsilon, weightDecay);
    }

    public OptimizerConfig withMomentum(double value) {
        return new OptimizerConfig(kind, learningRate, value, beta1, beta2, rho, epsilon, weightDecay);
    }

    public OptimizerConfig withBetas(double b1, double b2) {
        return new OptimizerConfig(kind, learningRate, momentum, b1, b2, rho, epsilon, weightDecay);
    }

    public OptimizerConfig withRho(double value) {
        return new OptimizerConfig(kind, learningRate, momentum, beta1, beta2, value, epsilon, weightDecay);
    }

    public OptimizerConfig withWeightDecay(double value) {
        return new OptimizerConfig(kind, learningRate, momentum, beta1, beta2, rho, epsilon, value);
    }
}
