package dev.netwright.engine.train.config;

/** Learning-rate policy. Any of them can be preceded by a linear warm-up ({@link ScheduleConfig#warmupEpochs()}). */
public enum ScheduleKind {
    /** Base rate throughout. */
    CONSTANT,
    /** Multiply by {@code gamma} every {@code stepEpochs} epochs. */
    STEP_DECAY,
    /** Multiply by {@code gamma} every epoch. */
    EXPONENTIAL_DECAY,
    /** Cosine annealing from the base rate to {@code minLearningRate} over the run (per batch). */
    COSINE,
    /** Multiply by {@code plateauFactor} when the monitored metric stalls for {@code plateauPatience} epochs. */
    REDUCE_ON_PLATEAU
}
