package dev.netwright.engine.train;

/** Learning rate as a function of the global update step (0-based batch count since the start of training). */
@FunctionalInterface
interface LearningRateSchedule {

    double rate(long step);
}
