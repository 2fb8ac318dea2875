package dev.netwright.engine.worker;

import dev.netwright.engine.data.prep.Augmentation;
import dev.netwright.engine.train.config.EarlyStoppingConfig;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.ScheduleConfig;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.parallel.DevicePlan;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A run's training settings as they travel between server and workers (JSON). Deliberately flat and small: the
 * server validates it at run creation with {@link #toConfig}, so a worker never receives settings it cannot use.
 * Null fields take the engine's defaults. {@code devices} is a comma-separated list ({@code gpu0,gpu1}); null
 * lets the worker pick (a GPU when it sees one, else the CPU). The server checks only its spelling: whether the
 * devices exist is known on the worker, which fails the run naming the devices it has.
 */
public record JobSettings(Integer epochs, Integer batchSize, String optimizer, Double learningRate,
                          Double weightDecay, String loss, Integer seed, Double validationFraction,
                          Integer earlyStoppingPatience, String monitor, String schedule, Integer stepEpochs,
                          Double gamma, Double warmupEpochs, Double l1, Double l2, Double clipNorm, Double clipValue,
                          Double minDelta, Boolean flip, Integer shift, Double noise, String devices) {

    /** Every field left to the engine's defaults. */
    public static JobSettings defaults() {
        return new JobSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }


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
            b.earlyStopping(EarlyStoppingConfig.on(m, earlyStoppingPatience, minDelta == null ? 0 : minDelta));
        }
        b.schedule(scheduleConfig());
        b.regularization(nonNegative(l1, "l1"), nonNegative(l2, "l2"));
        double norm = nonNegative(clipNorm, "clipNorm");
        double value = nonNegative(clipValue, "clipValue");
        if (norm > 0 && value > 0) {
            throw new IllegalArgumentException("'clipNorm'/'clipValue': clip by norm or by value, not both");
        }
        b.clipping(norm > 0 ? GradientClipping.byNorm(norm) : value > 0 ? GradientClipping.byValue(value)
                : GradientClipping.NONE);
        if (shift != null && shift < 0) {
            throw new IllegalArgumentException("'shift' must be 0 (off) or more pixels, got " + shift);
        }
        b.augmentation(new Augmentation(Boolean.TRUE.equals(flip), shift == null ? 0 : shift,
                (float) nonNegative(noise, "noise")));
        b.devices(deviceList());
        return b.build();
    }

    private List<String> deviceList() {
        if (devices == null || devices.isBlank()) {
            return List.of();
        }
        List<String> names = Arrays.stream(devices.split(",")).map(String::strip).toList();
        try {
            DevicePlan.checkNames(names);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'devices': " + e.getMessage());
        }
        return names;
    }

    private ScheduleConfig scheduleConfig() {
        int step = stepEpochs == null ? 5 : stepEpochs;
        double factor = gamma == null ? 0.5 : gamma;
        if (step < 1) {
            throw new IllegalArgumentException("'stepEpochs' must be 1 or more, got " + step);
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("'gamma' must be between 0 and 1 (exclusive), got " + factor);
        }
        String kind = schedule == null ? "constant" : schedule.strip().toLowerCase(Locale.ROOT);
        ScheduleConfig c = switch (kind) {
            case "constant" -> ScheduleConfig.constant();
            case "step" -> ScheduleConfig.stepDecay(step, factor);
            case "exponential" -> ScheduleConfig.exponential(factor);
            case "cosine" -> ScheduleConfig.cosine(0);
            case "plateau" -> ScheduleConfig.reduceOnPlateau(factor, 2);
            default -> throw new IllegalArgumentException("'schedule': unknown value '" + schedule
                    + "' (constant, step, exponential, cosine or plateau)");
        };
        double warmup = nonNegative(warmupEpochs, "warmupEpochs");
        return warmup > 0 ? c.withWarmup(warmup) : c;
    }

    private static double nonNegative(Double value, String field) {
        if (value == null) {
            return 0;
        }
        if (!(value >= 0) || value.isInfinite()) {
            throw new IllegalArgumentException("'" + field + "' must be 0 (off) or a positive number, got " + value);
        }
        return value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "': unknown value '" + text + "'");
        }
    }
}
