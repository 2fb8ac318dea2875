package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;

/**
 * One trainable parameter and its gradient for the current step.
 *
 * @param name     stable parameter id (optimizer state is keyed by it)
 * @param weight   the parameter's value array (updated in place)
 * @param gradient the gradient to apply (possibly already clipped)
 * @param isWeight true for weight matrices / kernels (subject to L1/L2), false for biases and norm scales
 */
record ParameterGradient(String name, NDArray weight, NDArray gradient, boolean isWeight) {

    ParameterGradient withGradient(NDArray newGradient) {
        return new ParameterGradient(name, weight, newGradient, isWeight);
    }
}
