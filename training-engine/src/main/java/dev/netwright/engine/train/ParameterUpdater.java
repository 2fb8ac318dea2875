package dev.netwright.engine.train;

import ai.djl.ndarray.NDList;

import java.util.List;

/**
 * An optimizer: turns gradients into in-place parameter updates. Implemented here rather than with DJL's
 * optimizers because the platform needs per-step learning rates from its own schedules, Nesterov momentum,
 * decoupled and coupled weight decay, and optimizer state that can be written to and read from checkpoints.
 */
interface ParameterUpdater extends AutoCloseable {

    /** Applies one update step with the given learning rate. Must be called outside a gradient collector. */
    void update(List<ParameterGradient> parameters, double learningRate);

    /** Number of update steps applied so far (Adam's bias correction depends on it). */
    long steps();

    /** Optimizer state (moments, accumulators) as named arrays, for checkpoints. */
    NDList exportState();

    /** Restores state written by {@link #exportState()} and the step count. */
    void importState(NDList state, long steps);

    @Override
    void close();
}
