package dev.netwright.engine.train.config;

import java.util.Objects;

/**
 * Learning-rate schedule. Reduce-on-plateau watches the same metric, mode and minimum delta as early stopping
 * ({@link EarlyStoppingConfig}), so one "monitored metric" drives best checkpoint, plateau and stopping.
 *
 * @param kind            policy
 * @param stepEpochs      period of STEP_DECAY in epochs
 * @param gamma           decay factor of STEP_DECAY / EXPONENTIAL_DECAY, in (0, 1]
 * @param minLearningRate floor of COSINE and REDUCE_ON_PLATEAU
 * @param warmupEpochs    linear warm-up length in epochs (fractions allowed); 0 disables it
 * @param plateauFactor   multiplier applied on a plateau, in (0, 1)
 * @param plateauPatience epochs without improvement before the rate is reduced
 */
public record ScheduleConfig(ScheduleKind kind, int stepEpochs, double gamma, double minLearningRate,
                             double warmupEpochs, double plateauFactor, int plateauPatience) {

    public ScheduleConfig {
        Objects.requireNonNull(kind, "schedule kind");
        Checks.positive("step size (epochs)", stepEpochs);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("decay factor gamma must be in (0, 1], got " + gamma);
        }
        Checks.nonNegative("minimum learning rate", minLearningRate);
        Checks.nonNegative("warm-up epochs", warmupEpochs);
        Checks.inUnitInterval("plateau factor", plateauFactor, false);
        Checks.positive("plateau patience", plateauPatience);
    }

    public static ScheduleConfig constant() {
        return new ScheduleConfig(ScheduleKind.CONSTANT, 10, 0.1, 0.0, 0.0, 0.5, 3);
    }

    public static ScheduleConfig stepDecay(int stepEpochs, double gamma) {
        return constant().withKind(ScheduleKind.STEP_DECAY).withStep(stepEpochs, gamma);
    }

    public static ScheduleConfig exponential(double gamma) {
        return constant().withKind(ScheduleKind.EXPONENTIAL_DECAY).withStep(1, gamma);
    }

    public static ScheduleConfig cosine(double minLearningRate) {
        return new ScheduleConfig(ScheduleKind.COSINE, 10, 0.1, minLearningRate, 0.0, 0.5, 3);
    }

    public static ScheduleConfig reduceOnPlateau(double factor, int patience) {
        return new ScheduleConfig(ScheduleKind.REDUCE_ON_PLATEAU, 10, 0.1, 0.0, 0.0, factor, patience);
    }

    ScheduleConfig withKind(ScheduleKind value) {
        return new ScheduleConfig(value, stepEpochs, gamma, minLearningRate, warmupEpochs, plateauFactor,
                plateauPatience);
    }

    ScheduleConfig withStep(int epochs, double factor) {
        return new ScheduleConfig(kind, epochs, factor, minLearningRate, warmupEpochs, plateauFactor,
                plateauPatience);
    }

    public ScheduleConfig withWarmup(double epochs) {
        return new ScheduleConfig(kind, stepEpochs, gamma, minLearningRate, epochs, plateauFactor,
                plateauPatience);
    }

    ScheduleConfig withMinLearningRate(double value) {
        return new ScheduleConfig(kind, stepEpochs, gamma, value, warmupEpochs, plateauFactor, plateauPatience);
    }
}
