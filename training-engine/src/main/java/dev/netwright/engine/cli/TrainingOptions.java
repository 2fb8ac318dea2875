package dev.netwright.engine.cli;

import dev.netwright.engine.api.InvalidSettingException;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.parallel.DevicePlan;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The training settings of {@code netwright train} and {@code netwright sweep}: one option per field of
 * {@link TrainingSettings}, held in a Java field of the same name, read, defaulted and checked by the record (so
 * the command line refuses what the REST API and the launch dialog refuse, with the same limits).
 */
final class TrainingOptions {
    @Option(names = "--epochs", description = "epochs (default ${DEFAULT-VALUE})")
    String epochs;
    @Option(names = "--batch-size", description = "samples per batch (default ${DEFAULT-VALUE})")
    String batchSize;
    @Option(names = "--optimizer",
            description = "sgd, momentum, nesterov, rmsprop, adam, adamw or adagrad (default ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--lr", description = "learning rate (default: the optimizer's, 0.01 for SGD, 0.001 for Adam)")
    String learningRate;
    @Option(names = "--weight-decay", description = "weight decay; decoupled for AdamW (default: 0.01 for AdamW, "
            + "else 0)")
    String weightDecay;
    @Option(names = "--loss", description = "softmax-cross-entropy, binary-cross-entropy, mse, mae or huber "
            + "(default: cross-entropy for classes, mse for values)")
    String loss;
    @Option(names = "--schedule",
            description = "constant, step, exponential, cosine or plateau (default ${DEFAULT-VALUE})")
    String schedule;
    @Option(names = "--step-epochs", description = "step decay: epochs between cuts (default ${DEFAULT-VALUE})")
    String stepEpochs;
    @Option(names = "--gamma", description = "step/exponential/plateau decay factor (default ${DEFAULT-VALUE})")
    String gamma;
    @Option(names = "--warmup", description = "linear warm-up epochs (combines with --schedule)")
    String warmupEpochs;
    @Option(names = "--l1", description = "L1 regularisation strength")
    String l1;
    @Option(names = "--l2", description = "L2 regularisation strength")
    String l2;
    @Option(names = "--clip-norm", description = "clip gradients to this global norm (0: off)")
    String clipNorm;
    @Option(names = "--clip-value", description = "clip each gradient value (0: off)")
    String clipValue;
    @Option(names = "--early-stopping", description = "stop after this many epochs without improvement (0: off)")
    String earlyStoppingPatience;
    @Option(names = "--min-delta", description = "smallest change that counts as improvement")
    String minDelta;
    @Option(names = "--monitor",
            description = "metric for early stopping and the best checkpoint: train-loss, val-loss, val-accuracy, "
                    + "val-mae, val-rmse (default ${DEFAULT-VALUE})")
    String monitor;
    @Option(names = "--validation", description = "share of training data for validation (default ${DEFAULT-VALUE})")
    String validationFraction;
    @Option(names = "--init", description = "weight init: xavier, he, normal, uniform (default ${DEFAULT-VALUE})")
    String weightInit;
    @Option(names = "--class-weights", description = "classification: none, or balanced to weight each class by "
            + "the inverse of its share of the training split (default ${DEFAULT-VALUE})")
    String classWeights;
    @Option(names = "--seed", description = "random seed (same seed + data on CPU: same run; default ${DEFAULT-VALUE})")
    String seed;
    @Option(names = "--d-steps", description = "GAN: discriminator steps per generator step (default ${DEFAULT-VALUE})")
    String discriminatorSteps;
    @Option(names = "--label-smoothing", description = "GAN: one-sided label smoothing (default ${DEFAULT-VALUE})")
    String labelSmoothing;

    @Option(names = "--image-preprocessing", description = "none, or imagenet: resize images to the design's"
            + " Input and normalise them as ImageNet-pretrained networks expect (default ${DEFAULT-VALUE})")
    String imagePreprocessing;

    @Option(names = "--flip", description = "augment training images with random horizontal flips")
    boolean flip;
    @Option(names = "--shift", description = "augment training images: random shift up to N pixels")
    String shift;
    @Option(names = "--noise", description = "augment training samples: Gaussian noise sd")
    String noise;

    @Option(names = "--devices", description = "train data-parallel on these devices, e.g. gpu0,gpu1 "
            + "(default: a GPU when the engine sees one, else the CPU)")
    String devices;
    @Option(names = "--gpus", defaultValue = "0", description = "train data-parallel on the first N GPUs "
            + "(same as --devices gpu0,...)")
    int gpus;

    /** The settings given on the command line, the record's defaults for the rest. */
    TrainingSettings toSettings() {
        if (gpus > 0 && devices != null && !devices.isBlank()) {
            throw new IllegalArgumentException("give --devices or --gpus, not both");
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("--gpus must be 1 or more, got " + gpus);
        }
        Map<String, Object> given = new LinkedHashMap<>();
        for (String name : TrainingSettings.fieldNames()) {
            Object value = value(name);
            if (value != null) {
                given.put(name, value);
            }
        }
        if (gpus > 0) {
            given.put("devices", DevicePlan.gpus(gpus));
        }
        try {
            return TrainingSettings.of(given);
        } catch (InvalidSettingException e) {
            // the record names its field; a command-line user knows the option
            throw new IllegalArgumentException(e.getMessage().replace("'" + e.field() + "'", option(e.field())), e);
        }
    }

    TrainingConfig toConfig(boolean regression) {
        TrainingSettings settings = toSettings();
        try {
            return settings.toConfig(regression);
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(e.getMessage().replace("'" + e.field() + "'", option(e.field())), e);
        }
    }

    private Object value(String field) {
        try {
            Object v = TrainingOptions.class.getDeclaredField(field).get(this);
            return Boolean.FALSE.equals(v) ? null : v;
        } catch (NoSuchFieldException e) {
            return null; // no option for it (TrainingOptionsDevicesTest checks there is one for every field)
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String option(String field) {
        try {
            Field f = TrainingOptions.class.getDeclaredField(field);
            return f.getAnnotation(Option.class).names()[0];
        } catch (NoSuchFieldException e) {
            return "'" + field + "'";
        }
    }

    /**
     * Shows the record's defaults in the help ({@code ${DEFAULT-VALUE}}); the optimizer's own fields and the loss
     * have none here, as their default depends on the optimizer or the task.
     */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
            if (!(argSpec instanceof CommandLine.Model.OptionSpec option)
                    || !(option.userObject() instanceof Field f) || f.getDeclaringClass() != TrainingOptions.class
                    || f.getType() != String.class) {
                return null;
            }
            Object v = TrainingSettings.DEFAULTS.toMap().get(f.getName());
            return switch (f.getName()) {
                case "learningRate", "weightDecay" -> null;
                default -> v == null ? null : v.toString();
            };
        }
    }
}
