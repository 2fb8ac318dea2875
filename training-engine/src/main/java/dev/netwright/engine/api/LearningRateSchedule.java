package dev.netwright.engine.api;

import dev.netwright.engine.train.config.ScheduleConfig;

/** How the learning rate changes over a run; each can start with a linear warm-up. */
public enum LearningRateSchedule {
    /** The base rate throughout. */
    CONSTANT,
    /** Multiplied by {@code gamma} every {@code stepEpochs} epochs. */
    STEP,
    /** Multiplied by {@code gamma} every epoch. */
    EXPONENTIAL,
    /** Cosine annealing to 0 over the run. */
    COSINE,
    /** Multiplied by {@code gamma} when the monitored metric stalls for 2 epochs. */
    PLATEAU;

    /** Whether {@code stepEpochs} matters to this schedule. */
    public boolean usesStepEpochs() {
        return this == STEP;
    }

    /** Whether the decay factor {@code gamma} matters to this schedule. */
    public boolean usesGamma() {
        return this == STEP || this == EXPONENTIAL || this == PLATEAU;
    }

    ScheduleConfig config(int stepEpochs, double gamma, double warmupEpochs) {
        ScheduleConfig c = switch (this) {
            case CONSTANT -> ScheduleConfig.constant();
            case STEP -> ScheduleConfig.stepDecay(stepEpochs, gamma);
            case EXPONENTIAL -> ScheduleConfig.exponential(gamma);
            case COSINE -> ScheduleConfig.cosine(0);
            case PLATEAU -> ScheduleConfig.reduceOnPlateau(gamma, 2);
        };
        return warmupEpochs > 0 ? c.withWarmup(warmupEpochs) : c;
    }
}
