package dev.netwright.engine.cli;

import dev.netwright.engine.train.config.EarlyStoppingConfig;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.ScheduleConfig;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.config.WeightInit;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The training settings of {@code netwright train}, turned into a {@link TrainingConfig}. */
final class TrainingOptions {
    @Option(names = "--epochs", defaultValue = "10", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch-size", defaultValue = "64", description = "samples per batch (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--optimizer", defaultValue = "adam",
            description = "sgd, momentum, nesterov, rmsprop, adam, adamw or adagrad (default ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default ${DEFAULT-VALUE})")
    double learningRate;
    @Option(names = "--weight-decay", defaultValue = "0", description = "decoupled weight decay (AdamW)")
    double weightDecay;
    @Option(names = "--loss", description = "softmax-cross-entropy, binary-cross-entropy, mse, mae or huber "
            + "(default: cross-entropy for classes, mse for values)")
    String loss;
    @Option(names = "--schedule", defaultValue = "constant",
            description = "constant, step, exponential, cosine or plateau (default ${DEFAULT-VALUE})")
    String schedule;
    @Option(names = "--step-epochs", defaultValue = "5", description = "step decay: epochs between cuts")
    int stepEpochs;
    @Option(names = "--gamma", defaultValue = "0.5", description = "step/exponential decay factor")
    double gamma;
    @Option(names = "--warmup", defaultValue = "0", description = "linear warm-up epochs (combines with --schedule)")
    double warmup;
    @Option(names = "--l1", defaultValue = "0", description = "L1 regularisation strength")
    double l1;
    @Option(names = "--l2", defaultValue = "0", description = "L2 regularisation strength")
    double l2;
    @Option(names = "--clip-norm", defaultValue = "0", description = "clip gradients to this global norm (0: off)")
    double clipNorm;
    @Option(names = "--clip-value", defaultValue = "0", description = "clip each gradient value (0: off)")
    double clipValue;
    @Option(names = "--early-stopping", defaultValue = "0",
            description = "stop after this many epochs without improvement (0: off)")
    int patience;
    @Option(names = "--min-delta", defaultValue = "0", description = "smallest change that counts as improvement")
    double minDelta;
    @Option(names = "--monitor", defaultValue = "val-loss",
            description = "metric for early stopping and the best checkpoint: train-loss, val-loss, val-accuracy, "
                    + "val-mae, val-rmse")
    String monitor;
    @Option(names = "--validation", defaultValue = "0.1", description = "share of training data for validation")
    double validation;
    @Option(names = "--init", defaultValue = "xavier", description = "weight init: xavier, he, normal, uniform")
    String init;
    @Option(names = "--seed", defaultValue = "42", description = "random seed (same seed + data on CPU: same run)")
    int seed;
    @Option(names = "--d-steps", defaultValue = "1", description = "GAN: discriminator steps per generator step")
    int discriminatorSteps;
    @Option(names = "--label-smoothing", defaultValue = "0.1", description = "GAN: one-sided label smoothing")
    double labelSmoothing;

    @Option(names = "--flip", description = "augment training images with random horizontal flips")
    boolean flip;
    @Option(names = "--shift", defaultValue = "0", description = "augment training images: random shift up to N pixels")
    int shift;
    @Option(names = "--noise", defaultValue = "0", description = "augment training samples: Gaussian noise sd")
    float noise;

    @Option(names = "--devices", split = ",", description = "train data-parallel on these devices, e.g. gpu0,gpu1 "
            + "(default: a GPU when the engine sees one, else the CPU)")
    java.util.List<String> devices;
    @Option(names = "--gpus", defaultValue = "0", description = "train data-parallel on the first N GPUs "
            + "(same as --devices gpu0,...)")
    int gpus;

    TrainingConfig toConfig(boolean regression) {
        OptimizerKind kind = OptimizerKind.valueOf(optimizer.toUpperCase(Locale.ROOT));
        LossKind lossKind = loss == null ? (regression ? LossKind.MSE : LossKind.SOFTMAX_CROSS_ENTROPY)
                : LossKind.valueOf(loss.toUpperCase(Locale.ROOT).replace('-', '_'));
        ScheduleConfig scheduleConfig = switch (schedule.toLowerCase(Locale.ROOT)) {
            case "constant" -> ScheduleConfig.constant();
            case "step" -> ScheduleConfig.stepDecay(stepEpochs, gamma);
            case "exponential" -> ScheduleConfig.exponential(gamma);
            case "cosine" -> ScheduleConfig.cosine(0);
            case "plateau" -> ScheduleConfig.reduceOnPlateau(gamma, 2);
            default -> throw new IllegalArgumentException("unknown --schedule '" + schedule
                    + "': use constant, step, exponential, cosine or plateau");
        };
        if (warmup > 0) {
            scheduleConfig = scheduleConfig.withWarmup(warmup);
        }
        GradientClipping clipping = clipNorm > 0 ? GradientClipping.byNorm(clipNorm)
                : clipValue > 0 ? GradientClipping.byValue(clipValue) : GradientClipping.NONE;
        MonitoredMetric metric = MonitoredMetric.valueOf(monitor.toUpperCase(Locale.ROOT).replace('-', '_'));
        TrainingConfig.Builder b = TrainingConfig.builder()
                .loss(lossKind)
                .optimizer(dev.netwright.engine.train.config.OptimizerConfig.defaults(kind)
                        .withLearningRate(learningRate).withWeightDecay(weightDecay))
                .schedule(scheduleConfig)
                .regularization(l1, l2)
                .clipping(clipping)
                .epochs(epochs)
                .batchSize(batchSize)
                .seed(seed)
                .validationFraction(validation)
                .earlyStopping(patience > 0 ? EarlyStoppingConfig.on(metric, patience, minDelta)
                        : EarlyStoppingConfig.disabled())
                .weightInit(WeightInit.valueOf(init.toUpperCase(Locale.ROOT)))
                .gan(new dev.netwright.engine.train.config.GanConfig(discriminatorSteps, labelSmoothing, 1, 16))
                .augmentation(new dev.netwright.engine.data.prep.Augmentation(flip, shift, noise));
        if (gpus > 0 && devices != null && !devices.isEmpty()) {
            throw new IllegalArgumentException("give --devices or --gpus, not both");
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("--gpus must be 1 or more, got " + gpus);
        }
        b.devices(gpus > 0 ? dev.netwright.engine.train.parallel.DevicePlan.gpus(gpus)
                : devices == null ? java.util.List.of() : devices);
        return b.build();
    }
}
