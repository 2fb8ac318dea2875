package dev.netwright.engine.worker;

import dev.netwright.engine.train.config.EarlyStoppingConfig;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.util.Locale;

/**
 * A run's training settings as they travel between server and workers (JSON). Deliberately flat and small: the
 * server validates it at run creation with {@link #toConfig}, so a worker never receives settings it cannot use.
 * Null fields take the engine's defaults.
 */
public record JobSettings(Integer epochs, Integer batchSize, String optimizer, Double learningRate,
                          Double weightDecay, String loss, Integer seed, Double validationFraction,
                          Integer earlyStoppingPatience, String monitor) {

    /** The engine configuration; throws IllegalArgumentException naming the bad field. */
    public TrainingConfig toConfig(boolean regression) {
        TrainingConfig.Builder b = TrainingConfig.builder();
        OptimizerKind kind = optimizer == null ? OptimizerKind.ADAM : parse(OptimizerKind.class, optimizer, "optimizer");
        OptimizerConfig opt = OptimizerConfig.defaults(kind);
        if (learningRate != null) {
            opt = opt.withLearningRate(learningRate);
        }
        if (weightDecay != null) {
            opt = opt.withWeightDecay(weightDecay);
        }
        b.optimizer(opt);
        b.loss(loss == null ? (regression ? LossKind.MSE : LossKind.SOFTMAX_CROSS_ENTROPY)
                : parse(LossKind.class, loss, "loss"));
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (validationFraction != null) {
            b.validationFraction(validationFraction);
        }
        if (earlyStoppingPatience != null && earlyStoppingPatience > 0) {
            MonitoredMetric m = monitor == null ? MonitoredMetric.VAL_LOSS : parse(MonitoredMetric.class, monitor,
                    "monitor");
            b.earlyStopping(EarlyStoppingConfig.on(m, earlyStoppingPatience, 0));
        }
        return b.build();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "': unknown value '" + text + "'");
        }
    }
}
