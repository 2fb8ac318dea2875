package dev.netwright.engine.train;

import java.util.Optional;

/**
 * Something that happens around the batches of an {@link EpochLoop}: a check that may stop the run, a checkpoint,
 * a report. Every method does nothing by default.
 *
 * @param <B> the batch result it reads
 * @param <S> the epoch summary it reads
 */
interface LoopListener<B, S> {

    default void beforeEpoch(LoopState state) {
    }

    /** Before each batch; a stop ends the run before the batch is trained. */
    default Optional<Stop> beforeBatch(LoopState state) {
        return Optional.empty();
    }

    /** Changes the scheduled learning rate (reduce on plateau). */
    default double adjustLearningRate(double scheduled) {
        return scheduled;
    }

    /** After each batch, before it counts as a step. */
    default Optional<Stop> afterBatch(LoopState state, int batch, B result) {
        return Optional.empty();
    }

    /** After each epoch. */
    default Optional<Stop> afterEpoch(LoopState state, S summary) {
        return Optional.empty();
    }
}
