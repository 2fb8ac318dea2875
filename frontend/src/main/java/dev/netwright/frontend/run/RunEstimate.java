package dev.netwright.frontend.run;

import dev.netwright.designer.analysis.Totals;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.train.config.OptimizerKind;
import java.time.Duration;
import java.util.Optional;

/**
 * A before-you-queue estimate: parameters, training memory, the samples one epoch goes through and a time per epoch.
 *
 * <p>The samples are counted as the engine splits them: a built-in set's own training split (Fashion-MNIST: 60,000
 * of its 70,000), or an upload less its 20 % test split, then less the validation share (54,000 of 60,000 at 10 %).
 *
 * <p>The time comes from a measurement when there is one: a finished run of the same design on this server, whose
 * samples per second (epochs times training samples over its duration) is applied to this run's samples. Without one
 * it is a rough guess: a training step costs about three times the forward multiply-adds, done at
 * {@link #TRAINING_MULTIPLY_ADDS_PER_SECOND}, plus {@link #OVERHEAD_PER_BATCH}. That constant comes from the measured
 * 13-15k samples/s of an MLP 784-256-128-10 (234k multiply-adds per sample) at batch 128 on two CPU cores; convolutions
 * run several times slower than it on a CPU and much faster on a GPU, which is why the guess says it is one.
 *
 * @param parameters       all parameters of the design
 * @param memoryBytes      weights, gradients, optimizer state and one batch of activations
 * @param trainingSamples  samples one epoch goes through
 * @param epochTime        time per epoch
 * @param measured         the measurement the time comes from; empty when it is the rough guess
 */
public record RunEstimate(long parameters, long memoryBytes, long trainingSamples, Duration epochTime,
                          Optional<Measured> measured) {
    static final double TRAINING_MULTIPLY_ADDS_PER_SECOND = 1e10;
    static final Duration OVERHEAD_PER_BATCH = Duration.ofMillis(1);

    /** A finished run's speed on this server: {@code samplesPerSecond} over its whole duration. */
    public record Measured(String run, double samplesPerSecond) {
    }

    /**
     * @param trainSplit         samples of the training split (before the validation share is taken out)
     * @param validationFraction share of the training split held out for validation
     */
    public static RunEstimate of(Totals totals, long trainSplit, int batchSize, OptimizerKind optimizer,
                                 double validationFraction) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
        }
        long train = trainingSamples(trainSplit, validationFraction);
        long memory = totals.trainingMemoryBytes(batchSize, optimizerSlots(optimizer));
        double compute = 3.0 * totals.multiplyAdds() * train / TRAINING_MULTIPLY_ADDS_PER_SECOND;
        long batches = (train + batchSize - 1) / batchSize;
        double seconds = compute + batches * (OVERHEAD_PER_BATCH.toNanos() / 1e9);
        return new RunEstimate(totals.totalParams(), memory, train, Duration.ofNanos(Math.round(seconds * 1e9)),
                Optional.empty());
    }

    /** The samples an epoch trains on: the training split less the validation share, rounded as the engine does. */
    public static long trainingSamples(long trainSplit, double validationFraction) {
        return Math.max(0, trainSplit - Math.round(trainSplit * validationFraction));
    }

    /** The same estimate with its time taken from a measured speed instead of the rough guess. */
    public RunEstimate calibrated(Measured speed) {
        if (!(speed.samplesPerSecond() > 0)) {
            return this;
        }
        return new RunEstimate(parameters, memoryBytes, trainingSamples,
                Duration.ofNanos(Math.round(trainingSamples / speed.samplesPerSecond() * 1e9)), Optional.of(speed));
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
