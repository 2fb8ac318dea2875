package dev.netwright.engine.train;


import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The epoch loop shared by supervised and GAN training: epochs of batches, the scheduled learning rate, and
 * listeners around every batch and epoch. What a batch does is the trainer's {@link Steps}; everything around it
 * (cancellation, divergence, checkpoints, plateau, early stopping, reports) is a {@link LoopListener}, called in
 * the order given. The first listener that asks to stop ends the run at once.
 *
 * @param <B> what one batch reports to the listeners
 * @param <S> what one epoch reports to the listeners
 */
final class EpochLoop<B extends EpochLoop.BatchResult, S> implements LoopState {

    /** The trainer-specific part: how to train one batch and summarise one epoch. */
    public interface Steps<B, S> {
        int batchCount();

        /** Called before the first batch of {@code epoch} (shuffle, reset sums). */
        void beginEpoch(int epoch);

        /**
         * Trains batch {@code batch} (0-based) of the state's epoch at learning rate {@code lr} and returns the
         * results that are now known, in batch order: this batch's, or none while its result is still on the
         * device, or several when a window of results was read at once (see {@link StatsWindow}).
         */
        List<B> batch(LoopState state, int batch, double lr);

        /** The results of trained batches of the epoch not returned yet, in order; called after its last batch. */
        default List<B> rest() {
            return List.of();
        }

        /** The epoch's summary, after its last batch. */
        S endEpoch(int epoch);
    }

    /** What every batch result says: whether its loss and gradients were finite. */
    public interface BatchResult {
        boolean isFinite();
    }

    /** How the loop ended. */
    public record End(TrainingStatus status, Optional<String> failure, int epochsCompleted, Duration elapsed) {
    }

    private final int epochs;
    private final LearningRateSchedule schedule;
    private final Steps<B, S> steps;
    private final List<LoopListener<? super B, ? super S>> listeners;
    private final int firstEpoch;
    private int epoch;
    private int epochsCompleted;
    private long globalStep;
    private double lastLearningRate;
    private long started;
    private long epochStarted;

    /**
     * @param epochs          the last epoch to train
     * @param epochsCompleted epochs already trained (resumed runs), the loop starts with the next
     * @param globalStep      batches already trained
     */
    public EpochLoop(int epochs, int epochsCompleted, long globalStep, LearningRateSchedule schedule,
                     Steps<B, S> steps, List<LoopListener<? super B, ? super S>> listeners) {
        this.epochs = epochs;
        this.epochsCompleted = epochsCompleted;
        this.firstEpoch = epochsCompleted + 1;
        this.globalStep = globalStep;
        this.schedule = schedule;
        this.steps = steps;
        this.listeners = List.copyOf(listeners);
    }

    public End run() {
        started = System.nanoTime();
        for (epoch = firstEpoch; epoch <= epochs; epoch++) {
            epochStarted = System.nanoTime();
            lastLearningRate = 0;
            steps.beginEpoch(epoch);
            listeners.forEach(l -> l.beforeEpoch(this));
            int reported = 0;
            for (int b = 0; b < steps.batchCount(); b++) {
                for (LoopListener<? super B, ? super S> l : listeners) {
                    Optional<Stop> stop = l.beforeBatch(this);
                    if (stop.isPresent()) {
                        return end(stop.get());
                    }
                }
                lastLearningRate = learningRate();
                List<B> known = steps.batch(this, b, lastLearningRate);
                globalStep++;
                Optional<Stop> stop = report(known, reported);
                if (stop.isPresent()) {
                    return end(stop.get());
                }
                reported += known.size();
            }
            Optional<Stop> late = report(steps.rest(), reported);
            if (late.isPresent()) {
                return end(late.get());
            }
            epochsCompleted = epoch;
            S summary = steps.endEpoch(epoch);
            for (LoopListener<? super B, ? super S> l : listeners) {
                Optional<Stop> stop = l.afterEpoch(this, summary);
                if (stop.isPresent()) {
                    return end(stop.get());
                }
            }
        }
        return end(new Stop(TrainingStatus.COMPLETED, Optional.empty()));
    }

    /** Hands batch results to the listeners; {@code first} is the index of the first one in its epoch. */
    private Optional<Stop> report(List<B> results, int first) {
        for (int i = 0; i < results.size(); i++) {
            for (LoopListener<? super B, ? super S> l : listeners) {
                Optional<Stop> stop = l.afterBatch(this, first + i, results.get(i));
                if (stop.isPresent()) {
                    return stop;
                }
            }
        }
        return Optional.empty();
    }

    private End end(Stop stop) {
        return new End(stop.status(), stop.failure(), epochsCompleted, Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int epochs() {
        return epochs;
    }

    @Override
    public int epochsCompleted() {
        return epochsCompleted;
    }

    @Override
    public int batchCount() {
        return steps.batchCount();
    }

    @Override
    public long globalStep() {
        return globalStep;
    }

    @Override
    public double learningRate() {
        double rate = schedule.rate(globalStep);
        for (LoopListener<? super B, ? super S> l : listeners) {
            rate = l.adjustLearningRate(rate);
        }
        return rate;
    }

    @Override
    public double lastLearningRate() {
        return lastLearningRate;
    }

    @Override
    public Duration epochTime() {
        return Duration.ofNanos(System.nanoTime() - epochStarted);
    }

    @Override
    public Duration remaining() {
        return Duration.ofNanos((System.nanoTime() - started) / (epoch - firstEpoch + 1) * (epochs - epoch));
    }
}
