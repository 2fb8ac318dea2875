package dev.netwright.frontend.run;

import dev.netwright.designer.analysis.Totals;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.train.config.OptimizerKind;
import java.time.Duration;

/**
 * A before-you-queue estimate from the designer's analysis: parameters, training memory and a rough time per epoch.
 *
 * <p>The time is deliberately simple: a training step costs about three times the forward multiply-adds (forward,
 * plus backward for activations and for weights), done at {@link #TRAINING_MULTIPLY_ADDS_PER_SECOND}, plus a fixed
 * {@link #OVERHEAD_PER_BATCH} for the engine's per-batch work (data copy, optimizer step, metrics). The constant is
 * derived from the measured 13-15k samples/s of an MLP 784-256-128-10 (234k multiply-adds per sample) at batch 128 on
 * two CPU cores: 14,000 x 234k x 3 ≈ 1e10. Convolutions run slower than that on a CPU and much faster on a GPU, so the
 * figure is shown as rough.
 *
 * @param parameters       all parameters of the design
 * @param memoryBytes      weights, gradients, optimizer state and one batch of activations
 * @param trainingSamples  samples one epoch goes through
 * @param epochTime        rough time per epoch
 */
public record RunEstimate(long parameters, long memoryBytes, long trainingSamples, Duration epochTime) {
    static final double TRAINING_MULTIPLY_ADDS_PER_SECOND = 1e10;
    static final Duration OVERHEAD_PER_BATCH = Duration.ofMillis(1);

    /**
     * @param samples            samples of the dataset before splitting (the engine keeps a test split aside too,
     *                           so this overestimates a little)
     * @param validationFraction share of the training data held out for validation
     */
    public static RunEstimate of(Totals totals, long samples, int batchSize, OptimizerKind optimizer,
                                 double validationFraction) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
        }
        long train = Math.max(0, Math.round(samples * (1 - validationFraction)));
        long memory = totals.trainingMemoryBytes(batchSize, optimizerSlots(optimizer));
        double compute = 3.0 * totals.multiplyAdds() * train / TRAINING_MULTIPLY_ADDS_PER_SECOND;
        long batches = (train + batchSize - 1) / batchSize;
        double seconds = compute + batches * (OVERHEAD_PER_BATCH.toNanos() / 1e9);
        return new RunEstimate(totals.totalParams(), memory, train, Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    /** State copies per weight the optimizer keeps (Adam: two moments; momentum: a velocity; SGD: none). */
    static int optimizerSlots(OptimizerKind optimizer) {
        return switch (optimizer == null ? TrainingSettings.DEFAULTS.optimizer() : optimizer) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV, RMSPROP, ADAGRAD -> 1;
            case ADAM, ADAMW -> 2;
        };
    }

    public Duration total(int epochs) {
        return epochTime.multipliedBy(Math.max(1, epochs));
    }
}
