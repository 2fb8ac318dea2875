package dev.netwright.engine.train;

import dev.netwright.engine.train.config.ScheduleConfig;

/**
 * Builds the per-step schedule of a {@link ScheduleConfig}. Epoch-based policies change the rate at epoch
 * boundaries; cosine changes it every step. Warm-up ramps linearly from {@code base/warmupSteps} to {@code base},
 * then the policy starts from its own step 0 (so a cosine still spans the whole remaining run).
 * REDUCE_ON_PLATEAU is constant here; its reductions come from {@link PlateauReducer} at epoch ends.
 */
final class Schedules {
    private Schedules() {
    }

    public static LearningRateSchedule create(ScheduleConfig config, double baseRate, int stepsPerEpoch, int epochs) {
        if (stepsPerEpoch <= 0 || epochs <= 0) {
            throw new IllegalArgumentException("steps per epoch and epochs must be positive");
        }
        long warmupSteps = Math.round(config.warmupEpochs() * stepsPerEpoch);
        long totalSteps = (long) stepsPerEpoch * epochs;
        long policySteps = Math.max(1, totalSteps - warmupSteps);
        LearningRateSchedule policy = switch (config.kind()) {
            case CONSTANT, REDUCE_ON_PLATEAU -> step -> baseRate;
            case STEP_DECAY -> step -> baseRate
                    * Math.pow(config.gamma(), Math.floorDiv(step / stepsPerEpoch, config.stepEpochs()));
            case EXPONENTIAL_DECAY -> step -> baseRate * Math.pow(config.gamma(), step / stepsPerEpoch);
            case COSINE -> cosine(baseRate, config.minLearningRate(), policySteps);
        };
        return warmupSteps == 0 ? policy : warmup(baseRate, warmupSteps, policy);
    }

    /** Cosine annealing from {@code base} (step 0) to {@code min} (step {@code steps}), flat afterwards. */
    static LearningRateSchedule cosine(double base, double min, long steps) {
        return step -> {
            double progress = Math.min(1.0, (double) step / steps);
            return min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * progress));
        };
    }

    /** Linear warm-up: step 0 runs at base/warmup, step warmup-1 at base, then the inner policy from its step 0. */
    static LearningRateSchedule warmup(double base, long warmupSteps, LearningRateSchedule inner) {
        return step -> step < warmupSteps ? base * (step + 1) / warmupSteps : inner.rate(step - warmupSteps);
    }
}
