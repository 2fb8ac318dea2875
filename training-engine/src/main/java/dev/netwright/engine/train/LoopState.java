package dev.netwright.engine.train;

import java.time.Duration;

/** Where the loop stands, as listeners see it. */
interface LoopState {
    /** The epoch being trained (1-based). */
    int epoch();

    /** The last epoch of the run. */
    int epochs();

    int epochsCompleted();

    int batchCount();

    /** Batches trained so far in the whole run (not counting the one being reported). */
    long globalStep();

    /** The rate the next batch would use: the schedule's, adjusted by the listeners. */
    double learningRate();

    /** The rate the epoch's latest batch used. */
    double lastLearningRate();

    /** Time since the epoch began. */
    Duration epochTime();

    /** Estimated time to the last epoch, from the mean epoch time of this run so far. */
    Duration remaining();
}
