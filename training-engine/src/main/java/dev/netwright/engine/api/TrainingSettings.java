package dev.netwright.engine.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.netwright.engine.data.prep.Augmentation;
import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.train.config.ClassWeighting;
import dev.netwright.engine.train.config.EarlyStoppingConfig;
import dev.netwright.engine.train.config.GanConfig;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.config.WeightInit;
import dev.netwright.engine.train.parallel.DevicePlan;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's training settings: the one contract that the command line, the REST API ({@code config} of a run or a
 * sweep), the launch dialog, the estimate, sweeps and workers share. Defaults live in {@link #DEFAULTS}, limits in
 * the {@link Limit} of each numeric field; every instance is valid (the constructor checks both the limits and the
 * combinations), so a worker never receives settings it cannot use. Only the task-dependent checks (a monitored
 * metric that needs a classification loss) wait for {@link #toConfig}.
 *
 * <p>The JSON form is a flat object whose names are the fields and whose enum values are lower-case ids with
 * hyphens ({@code "adam"}, {@code "softmax-cross-entropy"}, {@code "val-loss"}, {@code "step"}); a field left out or
 * null takes its default, and {@code devices} is a comma-separated list. Every field can vary in a sweep.
 *
 * @param loss                  null: chosen by task (softmax cross-entropy for classes, MSE for values)
 * @param earlyStoppingPatience epochs without improvement of {@code monitor} before stopping; 0: off
 * @param stepEpochs            epochs between cuts of the {@link LearningRateSchedule#STEP} schedule
 * @param gamma                 decay factor of the step, exponential and plateau schedules
 * @param clipNorm              clip gradients to this global norm; 0: off (not together with clipValue)
 * @param clipValue             clip each gradient value; 0: off
 * @param flip                  augment training images with random horizontal flips
 * @param shift                 augment training images with random shifts of up to this many pixels
 * @param noise                 augment training inputs with Gaussian noise of this standard deviation
 * @param devices               device names ({@code cpu}, {@code gpu0}, ...) to train on data-parallel; empty: a GPU
 *                              when the worker has one, else its CPU. Whether they exist is known on the worker only.
 * @param discriminatorSteps    GAN: discriminator updates per generator update
 * @param labelSmoothing        GAN: one-sided label smoothing of real samples
 * @param imagePreprocessing    images resized to the design's Input and normalised as for ImageNet-pretrained
 *                              networks ({@code imagenet}), or taken as they are ({@code none})
 * @param classWeights          classification: weight the loss by class (balanced: rare classes count as much as
 *                              common ones) or not
 */
public record TrainingSettings(
        @Limit(min = 1, max = 10_000) int epochs,
        @Limit(min = 1, max = 65_536) int batchSize,
        OptimizerKind optimizer,
        @Limit(min = 0, max = 10, minExclusive = true) double learningRate,
        @Limit(min = 0, max = 1) double weightDecay,
        LossKind loss,
        int seed,
        @Limit(min = 0, max = 0.9) double validationFraction,
        @Limit(min = 0, max = 10_000) int earlyStoppingPatience,
        MonitoredMetric monitor,
        LearningRateSchedule schedule,
        @Limit(min = 1, max = 10_000) int stepEpochs,
        @Limit(min = 0, max = 1, minExclusive = true, maxExclusive = true) double gamma,
        @Limit(min = 0, max = 10_000) double warmupEpochs,
        @Limit(min = 0, max = 10) double l1,
        @Limit(min = 0, max = 10) double l2,
        @Limit(min = 0, max = 1e6) double clipNorm,
        @Limit(min = 0, max = 1e6) double clipValue,
        @Limit(min = 0, max = 1e6) double minDelta,
        boolean flip,
        @Limit(min = 0, max = 64) int shift,
        @Limit(min = 0, max = 10) double noise,
        List<String> devices,
        WeightInit weightInit,
        @Limit(min = 1, max = 100) int discriminatorSteps,
        @Limit(min = 0, max = 0.5, maxExclusive = true) double labelSmoothing,
        ImagePreprocessing imagePreprocessing,
        ClassWeighting classWeights) {

    private static final Map<String, RecordComponent> FIELDS = Arrays.stream(
            TrainingSettings.class.getRecordComponents()).collect(Collectors.toMap(RecordComponent::getName,
            c -> c, (a, b) -> a, LinkedHashMap::new));

    /** The defaults: a field the user leaves out takes its value here (the optimizer's fields: see {@link #of}). */
    public static final TrainingSettings DEFAULTS = new TrainingSettings(10, 32, OptimizerKind.ADAM,
            OptimizerConfig.defaults(OptimizerKind.ADAM).learningRate(),
            OptimizerConfig.defaults(OptimizerKind.ADAM).weightDecay(), null, 42, 0.1, 0, MonitoredMetric.VAL_LOSS,
            LearningRateSchedule.CONSTANT, 5, 0.5, 0, 0, 0, 0, 0, 0, false, 0, 0, List.of(), WeightInit.XAVIER,
            GanConfig.defaults().discriminatorSteps(), GanConfig.defaults().labelSmoothing(),
            ImagePreprocessing.NONE, ClassWeighting.NONE);

    public TrainingSettings {
        required("optimizer", optimizer);
        required("monitor", monitor);
        required("schedule", schedule);
        required("weightInit", weightInit);
        required("imagePreprocessing", imagePreprocessing);
        required("classWeights", classWeights);
        devices = devices == null ? List.of() : devices.stream().map(String::strip).toList();
        try {
            DevicePlan.checkNames(devices);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("devices", "is wrong: " + e.getMessage());
        }
        within("epochs", epochs);
        within("batchSize", batchSize);
        within("learningRate", learningRate);
        within("weightDecay", weightDecay);
        within("validationFraction", validationFraction);
        within("earlyStoppingPatience", earlyStoppingPatience);
        within("stepEpochs", stepEpochs);
        within("gamma", gamma);
        within("warmupEpochs", warmupEpochs);
        within("l1", l1);
        within("l2", l2);
        within("clipNorm", clipNorm);
        within("clipValue", clipValue);
        within("minDelta", minDelta);
        within("shift", shift);
        within("noise", noise);
        within("discriminatorSteps", discriminatorSteps);
        within("labelSmoothing", labelSmoothing);
        if (clipNorm > 0 && clipValue > 0) {
            throw new InvalidSettingException("clipNorm", "and 'clipValue' are both on: clip by norm or by value, "
                    + "not both");
        }
        if (earlyStoppingPatience > 0 && loss != null) {
            checkMonitor(loss, monitor);
        }
        if (loss != null) {
            checkClassWeights(loss, classWeights);
        }
    }

    /**
     * Settings from loose values by field name (JSON, command-line text, a sweep's trial). A missing or null value
     * takes its default; learning rate and weight decay default to the chosen optimizer's own values
     * (0.01 for the SGD family, 0.001 for Adam...). Enum values are read case-insensitively with '-' or '_'.
     *
     * @throws InvalidSettingException naming the field that is unknown, unreadable or out of its limits
     */
    public static TrainingSettings of(Map<String, ?> values) {
        for (String name : values.keySet()) {
            if (!FIELDS.containsKey(name)) {
                throw InvalidSettingException.unknownField(name, fieldNames());
            }
        }
        OptimizerKind optimizer = values.get("optimizer") == null ? DEFAULTS.optimizer
                : LooseValues.read(FIELDS.get("optimizer"), values.get("optimizer"));
        OptimizerConfig optimizerDefaults = OptimizerConfig.defaults(optimizer);
        Map<String, Object> defaults = DEFAULTS.values();
        defaults.put("optimizer", optimizer);
        defaults.put("learningRate", optimizerDefaults.learningRate());
        defaults.put("weightDecay", optimizerDefaults.weightDecay());
        Object[] args = new Object[FIELDS.size()];
        Class<?>[] types = new Class<?>[FIELDS.size()];
        int i = 0;
        for (RecordComponent c : FIELDS.values()) {
            Object raw = values.get(c.getName());
            args[i] = raw == null ? defaults.get(c.getName()) : LooseValues.read(c, raw);
            types[i++] = c.getType();
        }
        try {
            return TrainingSettings.class.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON form (see the class comment): what a run stores and the API shows. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TrainingSettings fromJson(Map<String, Object> json) {
        return of(json);
    }

    /** The JSON form, every field present: enum ids in lower case, devices joined by commas (null: automatic). */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> out = values();
        out.replaceAll((name, v) -> v instanceof Enum<?> e ? id(e)
                : v instanceof List<?> l ? (l.isEmpty() ? null : l.stream().map(String::valueOf)
                .collect(Collectors.joining(","))) : v);
        return out;
    }

    /** A copy with one field set from a loose value, as {@link #of} reads it. */
    public TrainingSettings with(String field, Object value) {
        if (!FIELDS.containsKey(field)) {
            throw InvalidSettingException.unknownField(field, fieldNames());
        }
        Map<String, Object> m = new LinkedHashMap<>(toMap());
        m.put(field, value);
        return of(m);
    }

    /** Every field's name: each is a JSON property and can vary in a sweep. */
    public static List<String> fieldNames() {
        return List.copyOf(FIELDS.keySet());
    }

    /** The limits of a numeric field, or null for a field without (enums, flags, the seed, devices). */
    static Limit limit(String field) {
        RecordComponent c = FIELDS.get(field);
        return c == null ? null : c.getAnnotation(Limit.class);
    }

    /**
     * The limits in words as they follow "must be", e.g. "between 1 and 10,000" or "a positive number up to 10";
     * empty for a field without limits.
     */
    public static String describeLimit(String field) {
        Limit l = limit(field);
        if (l == null) {
            return "";
        }
        String min = LooseValues.number(l.min());
        String max = LooseValues.number(l.max());
        if (l.minExclusive() && l.min() == 0 && !l.maxExclusive()) {
            return "a positive number up to " + max;
        }
        if (l.minExclusive() && l.maxExclusive()) {
            return "between " + min + " and " + max + " (exclusive)";
        }
        if (l.minExclusive()) {
            return "more than " + min + " and at most " + max;
        }
        if (l.maxExclusive()) {
            return "at least " + min + " and below " + max;
        }
        return "between " + min + " and " + max;
    }

    /** An enum value's id in the JSON form and on the command line: SOFTMAX_CROSS_ENTROPY is softmax-cross-entropy. */
    public static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The engine's configuration for a task ({@code regression}: values, else classes), which picks the loss when
     * it is left to the task.
     *
     * @throws InvalidSettingException when the monitored metric does not suit the loss
     */
    public TrainingConfig toConfig(boolean regression) {
        LossKind lossKind = loss != null ? loss : regression ? LossKind.MSE : LossKind.SOFTMAX_CROSS_ENTROPY;
        if (earlyStoppingPatience > 0) {
            checkMonitor(lossKind, monitor);
        }
        checkClassWeights(lossKind, classWeights);
        GanConfig gan = GanConfig.defaults();
        return TrainingConfig.builder()
                .loss(lossKind)
                .optimizer(OptimizerConfig.defaults(optimizer).withLearningRate(learningRate)
                        .withWeightDecay(weightDecay))
                .schedule(schedule.config(stepEpochs, gamma, warmupEpochs))
                .regularization(l1, l2)
                .clipping(clipNorm > 0 ? GradientClipping.byNorm(clipNorm)
                        : clipValue > 0 ? GradientClipping.byValue(clipValue) : GradientClipping.NONE)
                .epochs(epochs)
                .batchSize(batchSize)
                .seed(seed)
                .validationFraction(validationFraction)
                .earlyStopping(earlyStoppingPatience > 0
                        ? EarlyStoppingConfig.on(monitor, earlyStoppingPatience, minDelta)
                        : EarlyStoppingConfig.disabled())
                .weightInit(weightInit)
                .gan(new GanConfig(discriminatorSteps, labelSmoothing, gan.latentSize(), gan.sampleCount()))
                .augmentation(new Augmentation(flip, shift, (float) noise))
                .imagePreprocessing(imagePreprocessing)
                .devices(devices)
                .classWeights(classWeights)
                .build();
    }

    /** Every field by name with its typed value (enums, a list of devices); a new map the caller may change. */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : FIELDS.values()) {
            try {
                out.put(c.getName(), c.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static void checkMonitor(LossKind loss, MonitoredMetric monitor) {
        boolean regressionMetric = monitor == MonitoredMetric.VAL_MAE || monitor == MonitoredMetric.VAL_RMSE;
        if (loss.isClassification() && regressionMetric) {
            throw new InvalidSettingException("monitor", "must suit the loss: " + id(monitor)
                    + " needs a regression loss, but the loss is " + id(loss));
        }
        if (!loss.isClassification() && monitor == MonitoredMetric.VAL_ACCURACY) {
            throw new InvalidSettingException("monitor", "must suit the loss: val-accuracy needs a classification "
                    + "loss, but the loss is " + id(loss));
        }
    }

    private static void checkClassWeights(LossKind loss, ClassWeighting classWeights) {
        if (classWeights != ClassWeighting.NONE && !loss.isClassification()) {
            throw new InvalidSettingException("classWeights", "are for classification only: " + id(classWeights)
                    + " weighs classes, but the loss is " + id(loss) + " (values, not classes); choose none");
        }
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidSettingException(field, "is required");
        }
    }

    private static void within(String field, double value) {
        Limit l = limit(field);
        boolean aboveMin = l.minExclusive() ? value > l.min() : value >= l.min();
        boolean belowMax = l.maxExclusive() ? value < l.max() : value <= l.max();
        if (!aboveMin || !belowMax) {
            throw new InvalidSettingException(field, "must be " + describeLimit(field) + ", got " + LooseValues.number(value));
        }
    }
}
