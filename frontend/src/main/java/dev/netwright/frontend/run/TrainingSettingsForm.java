package dev.netwright.frontend.run;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.engine.api.InvalidSettingException;
import dev.netwright.engine.api.LearningRateSchedule;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.train.config.ClassWeighting;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The launch dialog's fields for a run's {@link TrainingSettings}: one per field of the record, registered under its
 * name (which the REST API's messages and the browser tests use), filled from the record and read back into it, so
 * the record's limits refuse a value before anything is sent. Help texts name those limits.
 */
final class TrainingSettingsForm {
    final IntegerField epochs = intField("Epochs", 1, null);
    final IntegerField batchSize = intField("Batch size", 1, null);
    final Select<OptimizerKind> optimizer = select("Optimizer", OptimizerKind.values());
    final NumberField validation = numberField("Validation share", "of the training data, 0 to 0.9");
    private final NumberField learningRate = numberField("Learning rate", null);
    private final NumberField weightDecay = numberField("Weight decay", "decoupled for AdamW, L2 otherwise");
    final Select<LossKind> loss = select("Loss", LossKind.values());
    final Select<ClassWeighting> classWeights = select("Class weights", ClassWeighting.values());
    private final Select<LearningRateSchedule> schedule = select("Learning-rate schedule",
            LearningRateSchedule.values());
    private final IntegerField stepEpochs = intField("Step every (epochs)", 1, "step decay only");
    private final NumberField gamma = numberField("Decay factor", "step, exponential and plateau");
    private final NumberField warmup = numberField("Warm-up epochs", "linear, 0: none");
    private final NumberField l1 = numberField("L1", null);
    private final NumberField l2 = numberField("L2", null);
    private final NumberField clipNorm = numberField("Clip gradient norm", "0: off");
    private final NumberField clipValue = numberField("Clip gradient values", "0: off");
    private final IntegerField patience = intField("Early stopping patience", 0, "epochs without improvement, 0: off");
    private final Select<MonitoredMetric> monitor = select("Monitored metric", MonitoredMetric.values());
    private final NumberField minDelta = numberField("Minimum improvement", null);
    private final IntegerField seed = intField("Seed", null, "same seed, same data: same result on the CPU");
    private final Checkbox flip = new Checkbox("Random horizontal flips (images)");
    private final IntegerField shift = intField("Random shift (pixels)", 0, "images");
    private final NumberField noise = numberField("Gaussian noise (sd)", "added to training inputs");
    final Select<ImagePreprocessing> imagePreprocessing = select("Image preprocessing",
            ImagePreprocessing.values());
    private final TextField devices = new TextField("Devices");
    /** The fields by the name of the settings field they hold. */
    private final Map<String, HasValue<?, ?>> fields = new LinkedHashMap<>();

    TrainingSettingsForm() {
        setting("epochs", epochs);
        setting("batchSize", batchSize);
        setting("optimizer", optimizer);
        setting("learningRate", learningRate);
        setting("weightDecay", weightDecay);
        setting("loss", loss);
        setting("classWeights", classWeights);
        classWeights.setHelperText("classes: balanced makes rare classes count as much as common ones");
        setting("schedule", schedule);
        setting("stepEpochs", stepEpochs);
        setting("gamma", gamma);
        setting("warmupEpochs", warmup);
        setting("l1", l1);
        setting("l2", l2);
        setting("clipNorm", clipNorm);
        setting("clipValue", clipValue);
        setting("earlyStoppingPatience", patience);
        setting("monitor", monitor);
        setting("minDelta", minDelta);
        setting("seed", seed);
        setting("validationFraction", validation);
        setting("flip", flip);
        setting("shift", shift);
        setting("noise", noise);
        setting("imagePreprocessing", imagePreprocessing);
        imagePreprocessing.setHelperText("imagenet: resize to the design's Input, grey to RGB, ImageNet mean/std"
                + " (for networks pretrained on ImageNet)");
        setting("devices", devices);
        devices.setPlaceholder("automatic");
        devices.setHelperText("empty: a GPU when the worker has one, else its CPU; gpu0,gpu1: data-parallel on both");
        fill(TrainingSettings.DEFAULTS);
        schedule.addValueChangeListener(e -> showScheduleFields());
        patience.addValueChangeListener(e -> showStoppingFields());
        showScheduleFields();
        showStoppingFields();
    }

    /** The basic fields, then the others folded by topic. */
    List<Component> sections() {
        return List.of(form(epochs, batchSize, optimizer, learningRate, loss, classWeights, validation,
                seed),
                new Details("Learning-rate schedule", form(schedule, stepEpochs, gamma, warmup)),
                new Details("Regularisation and clipping", form(l1, l2, weightDecay, clipNorm, clipValue)),
                new Details("Early stopping", form(patience, monitor, minDelta)),
                new Details("Augmentation", form(flip, shift, noise)),
                new Details("Pretrained networks", form(imagePreprocessing)),
                new Details("Devices", form(devices)));
    }

    /** Every field under the name of the settings field it holds. */
    Map<String, HasValidation> fieldsByName() {
        Map<String, HasValidation> out = new LinkedHashMap<>();
        fields.forEach((name, f) -> {
            if (f instanceof HasValidation v) {
                out.put(name, v);
            }
        });
        return out;
    }

    /** Shows {@code settings}: each field takes the value of the settings field of its name. */
    @SuppressWarnings("unchecked")
    void fill(TrainingSettings settings) {
        Map<String, Object> values = settings.values();
        fields.forEach((name, field) -> {
            Object v = values.get(name);
            if (v instanceof List<?> list) {
                v = String.join(",", list.stream().map(String::valueOf).toList());
            }
            ((HasValue<?, Object>) field).setValue(v == null ? field.getEmptyValue() : v);
        });
    }

    /**
     * The fields' values as checked settings.
     *
     * @throws MissingValue            for an empty number field
     * @throws InvalidSettingException for a value the record refuses
     */
    TrainingSettings read() {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, field) -> {
            if (field.isEmpty() && (field instanceof IntegerField || field instanceof NumberField)) {
                throw new MissingValue((HasValidation) field);
            }
            values.put(name, field.getValue());
        });
        return TrainingSettings.of(values);
    }

    /** "The batch size must be between 1 and 65,536, got 0", for the field; null when no field shows it. */
    String messageFor(InvalidSettingException e) {
        return fields.get(e.field()) instanceof HasLabel labelled && labelled.getLabel() != null
                ? "The " + labelled.getLabel().toLowerCase(Locale.ROOT) + " " + e.problem() : null;
    }

    /** A field that holds the settings' field {@code name}; without a help text of its own, it names the limits. */
    private void setting(String name, HasValue<?, ?> field) {
        fields.put(name, field);
        ((Component) field).getElement().setAttribute("data-field", name);
        String limits = TrainingSettings.describeLimit(name);
        if (!limits.isEmpty() && field instanceof HasHelper h && h.getHelperText() == null) {
            h.setHelperText(limits);
        }
    }

    private void showScheduleFields() {
        LearningRateSchedule s = schedule.getValue();
        stepEpochs.setVisible(s != null && s.usesStepEpochs());
        gamma.setVisible(s != null && s.usesGamma());
    }

    private void showStoppingFields() {
        boolean on = patience.getValue() != null && patience.getValue() > 0;
        monitor.setEnabled(on);
        minDelta.setEnabled(on);
    }

    static FormLayout form(Component... fields) {
        FormLayout f = new FormLayout(fields);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2),
                new FormLayout.ResponsiveStep("45rem", 3));
        return f;
    }

    static IntegerField intField(String label, Integer min, String helper) {
        IntegerField f = new IntegerField(label);
        if (min != null) {
            f.setMin(min);
        }
        if (helper != null) {
            f.setHelperText(helper);
        }
        f.setStepButtonsVisible(false);
        return f;
    }

    private static NumberField numberField(String label, String helper) {
        NumberField f = new NumberField(label);
        if (helper != null) {
            f.setHelperText(helper);
        }
        return f;
    }

    /** A choice of an enum's values, shown by their ids in words ("softmax cross entropy"). */
    @SafeVarargs
    private static <E extends Enum<E>> Select<E> select(String label, E... items) {
        Select<E> s = new Select<>();
        s.setLabel(label);
        s.setItems(items);
        // null is the empty choice (the loss's "auto")
        s.setItemLabelGenerator(i -> i == null ? "auto" : TrainingSettings.id(i).replace('-', ' '));
        if (items.length > 0 && items[0] instanceof LossKind) {
            s.setEmptySelectionAllowed(true); // no loss: chosen by the task
            s.setEmptySelectionCaption("auto");
        }
        return s;
    }

    /** An empty or unreadable number field; the dialog marks it instead of sending a request. */
    static final class MissingValue extends RuntimeException {
        final HasValidation field;

        MissingValue(HasValidation field) {
            super(null, null, false, false);
            this.field = field;
        }
    }
}
