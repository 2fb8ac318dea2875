package dev.netwright.engine.train.config;

/**
 * Penalties on weight parameters (not biases or normalisation scales): {@code l1 * sum|w| + l2 * sum w^2}
 * is added to the training objective. Independent of the optimizer's weight decay.
 */
public record Regularization(double l1, double l2) {

    static final Regularization NONE = new Regularization(0, 0);

    public Regularization {
        Checks.nonNegative("L1 factor", l1);
        Checks.nonNegative("L2 factor", l2);
    }

    public boolean isActive() {
        return l1 > 0 || l2 > 0;
    }
}
