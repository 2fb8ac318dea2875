package dev.netwright.frontend.run;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.dataset.BuiltInDataset;
import dev.netwright.backend.design.AnalysisView;
import dev.netwright.backend.design.DesignViews;
import dev.netwright.backend.run.RunView;
import dev.netwright.designer.analysis.Totals;
import dev.netwright.engine.api.InvalidSettingException;
import dev.netwright.engine.api.LearningRateSchedule;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.frontend.designer.canvas.Numbers;
import dev.netwright.frontend.ui.UiErrors;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Launch a training run: design, dataset (built-in, uploaded, or upload now), every engine option with its default,
 * and a rough estimate before queueing. Queue goes through the run service, which checks the role and the options
 * exactly as for the REST API; a refused option is shown on its field.
 */
final class LaunchDialog extends Dialog {
    private final RunLauncher.Services services;
    private final UUID projectId;
    private final Consumer<RunView> onQueued;

    private final ComboBox<DesignViews.Summary> design = new ComboBox<>("Design (latest saved version)");
    private final ComboBox<DatasetChoice> dataset = new ComboBox<>("Dataset");
    private final ComboBox<String> targetColumn = new ComboBox<>("Column to predict");
    private final Checkbox regression = new Checkbox("Predict a number (regression)");
    private final IntegerField limit = intField("Use only the first N samples", 0, "0: all of them");
    private final IntegerField epochs = intField("Epochs", 1, null);
    private final IntegerField batchSize = intField("Batch size", 1, null);
    private final Select<OptimizerKind> optimizer = select("Optimizer", OptimizerKind.values());
    private final NumberField learningRate = numberField("Learning rate", null);
    private final NumberField weightDecay = numberField("Weight decay", "decoupled for AdamW, L2 otherwise");
    private final Select<LossKind> loss = select("Loss", LossKind.values());
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
    private final NumberField validation = numberField("Validation share", "of the training data, 0 to 0.9");
    private final Checkbox flip = new Checkbox("Random horizontal flips (images)");
    private final IntegerField shift = intField("Random shift (pixels)", 0, "images");
    private final NumberField noise = numberField("Gaussian noise (sd)", "added to training inputs");
    private final TextField devices = new TextField("Devices");
    private final Div estimate = new Div();
    private final Span formError = new Span();
    private final Button queue = new Button("Queue run");
    private final Map<String, HasValidation> fieldsByName = new LinkedHashMap<>();
    /** The fields that hold a {@link TrainingSettings} field of the same name. */
    private final Map<String, HasValue<?, ?>> settingFields = new LinkedHashMap<>();
    private Totals totals = Totals.ZERO;
    private boolean datasetChosen;
    /** The designer's canvas, when it opened the dialog for its design; null from elsewhere. */
    private final DesignEdits edits;
    private final UUID editedDesign;
    private final UnsavedNotice unsaved = new UnsavedNotice(() -> queueRun(true));
    /** The version "Save and train" created, when the run could then not be queued: retrying must not save again. */
    private Integer savedHere;

    LaunchDialog(RunLauncher.Services services, UUID projectId, UUID designId, boolean canEdit,
                 DesignEdits edits, Consumer<RunView> onQueued) {
        this.services = services;
        this.projectId = projectId;
        this.onQueued = onQueued;
        this.edits = edits;
        this.editedDesign = designId;
        setHeaderTitle("Train a design");
        setWidth("min(60rem, 95vw)");
        getElement().setAttribute("data-testid", "launch-dialog");
        register();
        fill(LaunchOptions.defaults("iris"));

        List<DesignViews.Summary> designs = services.designs().list(services.user(), projectId);
        design.setItems(designs);
        design.setItemLabelGenerator(d -> d.name() + " · v" + d.latestVersion());
        design.setWidthFull();
        design.getElement().setAttribute("data-testid", "launch-design");
        designs.stream().filter(d -> d.id().equals(designId)).findFirst().or(() -> designs.stream().findFirst())
                .ifPresent(design::setValue);
        design.addValueChangeListener(e -> loadDesign());

        dataset.setItemLabelGenerator(DatasetChoice::label);
        dataset.setWidthFull();
        dataset.getElement().setAttribute("data-testid", "launch-dataset");
        dataset.addValueChangeListener(e -> {
            datasetChosen = datasetChosen || e.isFromClient();
            datasetChanged();
        });
        showDatasets(null);
        targetColumn.setAllowCustomValue(true);
        targetColumn.addCustomValueSetListener(e -> targetColumn.setValue(e.getDetail()));

        Upload upload = upload(canEdit);
        FormLayout data = form(dataset, limit, targetColumn, regression);
        data.setColspan(dataset, 2);
        FormLayout basics = form(epochs, batchSize, optimizer, learningRate, loss, validation, seed);
        FormLayout schedule = form(this.schedule, stepEpochs, gamma, warmup);
        FormLayout regularisation = form(l1, l2, weightDecay, clipNorm, clipValue);
        FormLayout stopping = form(patience, monitor, minDelta);
        FormLayout augmentation = form(flip, shift, noise);
        devices.setPlaceholder("automatic");
        devices.setHelperText("empty: a GPU when the worker has one, else its CPU; gpu0,gpu1: data-parallel on both");
        FormLayout hardware = form(devices);
        estimate.addClassName("nw-estimate");
        estimate.getElement().setAttribute("data-testid", "launch-estimate");
        formError.addClassName("nw-status-error");
        formError.getElement().setAttribute("data-testid", "launch-error");
        unsaved.setVisible(false);
        add(unsaved, design, data, upload, basics, new Details("Learning-rate schedule", schedule),
                new Details("Regularisation and clipping", regularisation),
                new Details("Early stopping", stopping), new Details("Augmentation", augmentation),
                new Details("Devices", hardware), estimate,
                formError);

        epochs.addValueChangeListener(e -> showEstimate());
        batchSize.addValueChangeListener(e -> showEstimate());
        validation.addValueChangeListener(e -> showEstimate());
        limit.addValueChangeListener(e -> showEstimate());
        optimizer.addValueChangeListener(e -> showEstimate());
        this.schedule.addValueChangeListener(e -> showScheduleFields());
        patience.addValueChangeListener(e -> showStoppingFields());
        showScheduleFields();
        showStoppingFields();

        queue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        queue.getElement().setAttribute("data-testid", "launch-queue");
        queue.setEnabled(canEdit);
        queue.setTooltipText(canEdit ? "Create the run; a worker starts it as soon as one is free"
                : "Viewers cannot start runs: ask an owner for the editor role");
        queue.addClickListener(e -> queueRun(false));
        Button cancel = new Button("Close", e -> close());
        getFooter().add(cancel, queue);
        loadDesign();
    }

    private void register() {
        fieldsByName.put("dataset", dataset);
        fieldsByName.put("dataset.builtin", dataset);
        fieldsByName.put("dataset.datasetId", dataset);
        fieldsByName.put("dataset.targetColumn", targetColumn);
        fieldsByName.put("dataset.limit", limit);
        fieldsByName.put("designId", design);
        fieldsByName.put("version", design);
        setting("epochs", epochs);
        setting("batchSize", batchSize);
        setting("optimizer", optimizer);
        setting("learningRate", learningRate);
        setting("weightDecay", weightDecay);
        setting("loss", loss);
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
        settingFields.put("flip", flip);
        setting("shift", shift);
        setting("noise", noise);
        setting("devices", devices);
        fieldsByName.forEach((name, f) -> ((Component) f).getElement().setAttribute("data-field", name));
    }

    /** A field that holds the settings' field {@code name}; its help text names the record's limits. */
    private void setting(String name, HasValue<?, ?> field) {
        fieldsByName.put(name, (HasValidation) field);
        settingFields.put(name, field);
        String limits = TrainingSettings.describeLimit(name);
        if (!limits.isEmpty() && field instanceof HasHelper h && h.getHelperText() == null) {
            h.setHelperText(limits);
        }
    }

    /** Shows {@code o} in the fields; each takes the value of the settings' field of its name. */
    @SuppressWarnings("unchecked")
    private void fill(LaunchOptions o) {
        limit.setValue(o.limit());
        Map<String, Object> typed = o.settings().values();
        settingFields.forEach((name, field) -> {
            Object v = typed.get(name);
            if (v instanceof java.util.List<?> list) {
                v = String.join(",", list.stream().map(String::valueOf).toList());
            }
            ((HasValue<?, Object>) field).setValue(v == null ? field.getEmptyValue() : v);
        });
    }

    /**
     * The fields' values as checked settings. An empty number field is refused here, naming the field; a value out
     * of the record's limits too, before anything is sent.
     */
    LaunchOptions read() {
        DatasetChoice d = dataset.getValue();
        Map<String, Object> values = new LinkedHashMap<>();
        settingFields.forEach((name, field) -> {
            if (field.isEmpty() && (field instanceof IntegerField || field instanceof NumberField)) {
                throw new MissingValue((HasValidation) field);
            }
            values.put(name, field.getValue());
        });
        return new LaunchOptions(d == null ? null : d.builtin(), d == null ? null : d.upload(),
                targetColumn.getValue(), regression.getValue(), required(limit), TrainingSettings.of(values));
    }

    /** @param saveFirst save the canvas (with the notice's message) and train the version that creates */
    private void queueRun(boolean saveFirst) {
        clearErrors();
        DesignViews.Summary chosen = design.getValue();
        if (chosen == null) {
            fieldError("designId", "Choose the design to train");
            return;
        }
        if (dataset.getValue() == null) {
            fieldError("dataset", "Choose a dataset, or upload one");
            return;
        }
        LaunchOptions options;
        try {
            options = read();
        } catch (MissingValue e) {
            e.field.setErrorMessage("Enter a number");
            e.field.setInvalid(true);
            return;
        } catch (InvalidSettingException e) {
            showSettingError(e);
            return;
        }
        boolean edited = chosen.id().equals(editedDesign);
        int version = edited && savedHere != null ? savedHere : chosen.latestVersion();
        if (saveFirst) {
            java.util.OptionalInt saved = edits.save().save(unsaved.message());
            if (saved.isEmpty()) {
                formError.setText("The design was not saved, so no run was queued.");
                return;
            }
            version = saved.getAsInt();
            savedHere = version;
            showUnsaved(chosen);
        }
        try {
            RunView run = services.runs().create(services.user(), projectId, options.toCreateRun(chosen.id(), version));
            close();
            onQueued.accept(run);
        } catch (ApiException e) {
            showRefusal(UiErrors.sentence(e));
        }
    }

    /** "The batch size must be between 1 and 65,536, got 0" on the batch size field. */
    private void showSettingError(InvalidSettingException e) {
        HasValidation f = fieldsByName.get(e.field());
        if (f instanceof HasLabel labelled && labelled.getLabel() != null) {
            fieldError(e.field(), "The " + labelled.getLabel().toLowerCase(Locale.ROOT) + " " + e.problem());
        } else {
            formError.setText(e.getMessage());
        }
    }

    /** Puts the service's message on the field it names ('name' in quotes), or above the buttons. */
    private void showRefusal(String message) {
        String best = null;
        for (String name : fieldsByName.keySet()) {
            if (message.contains("'" + name + "'") && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        if (best == null) {
            best = FieldNames.fromEngineMessage(message);
        }
        if (best != null && fieldsByName.containsKey(best)) {
            fieldError(best, message);
        } else {
            formError.setText(message);
        }
    }

    private void fieldError(String name, String message) {
        HasValidation f = fieldsByName.get(name);
        f.setErrorMessage(message);
        f.setInvalid(true);
        ((Component) f).getElement().callJsFunction("scrollIntoView");
        if (((Component) f).getParent().orElse(null) instanceof FormLayout form
                && form.getParent().orElse(null) instanceof Details details) {
            details.setOpened(true);
        }
    }

    private void clearErrors() {
        formError.setText("");
        fieldsByName.values().forEach(f -> f.setInvalid(false));
    }

    /**
     * Warns about the canvas's unsaved edits while the chosen design is the one open in the designer; the queue
     * button then names the saved version it trains.
     */
    private void showUnsaved(DesignViews.Summary d) {
        boolean warn = edits != null && edits.unsaved() && savedHere == null && d != null
                && d.id().equals(editedDesign);
        unsaved.setVisible(warn);
        if (warn) {
            unsaved.savedVersion(d.latestVersion());
        }
        queue.setText(warn ? "Train saved v" + d.latestVersion() : "Queue run");
    }

    private void loadDesign() {
        DesignViews.Summary d = design.getValue();
        showUnsaved(d);
        if (d == null) {
            totals = Totals.ZERO;
        } else {
            DesignViews.Detail detail = services.designs().get(services.user(), d.id(), null);
            AnalysisView.TotalsView t = detail.analysis().totals();
            totals = new Totals(t.trainableParams(), t.nonTrainableParams(), t.multiplyAdds(),
                    t.activationBytesPerSample());
            preselectMatchingDataset(detail.analysis());
            if (!detail.version().valid()) {
                formError.setText("Version " + detail.version().number() + " of this design has problems; fix and "
                        + "save it before training.");
            } else {
                formError.setText("");
            }
        }
        showEstimate();
    }

    /**
     * While the user has not chosen a dataset themselves, picks the first built-in one whose sample shape is the
     * design's input shape (a 28x28 image design gets Fashion-MNIST, a 4-feature one Iris).
     */
    private void preselectMatchingDataset(AnalysisView analysis) {
        if (datasetChosen || analysis.networks().isEmpty() || analysis.networks().getFirst().inputShape() == null) {
            return;
        }
        List<Integer> shape = java.util.Arrays.stream(analysis.networks().getFirst().inputShape()).boxed().toList();
        BuiltInDataset.ALL.stream().filter(b -> b.inputShape().equals(shape)).findFirst().ifPresent(b ->
                dataset.getListDataView().getItems().filter(c -> b.id().equals(c.builtin())).findFirst()
                        .ifPresent(c -> {
                            dataset.setValue(c);
                            datasetChosen = false; // still ours, not the user's
                        }));
    }

    private void showEstimate() {
        DatasetChoice d = dataset.getValue();
        Integer batch = batchSize.getValue();
        Double val = validation.getValue();
        Integer e = epochs.getValue();
        if (d == null || batch == null || batch < 1 || val == null || val < 0 || val >= 1 || e == null || e < 1) {
            estimate.setText("Estimate: choose a dataset and valid batch size, epochs and validation share.");
            return;
        }
        long samples = limit.getValue() != null && limit.getValue() > 0 && d.builtin() != null
                ? Math.min(limit.getValue(), d.samples()) : d.samples();
        RunEstimate r = RunEstimate.of(totals, samples, batch, optimizer.getValue(), val);
        estimate.setText("Estimate: " + Numbers.grouped(r.parameters()) + " parameters · training memory about "
                + Numbers.bytes(r.memoryBytes()) + " (batch " + batch + ", "
                + TrainingSettings.id(optimizer.getValue()) + ") · "
                + String.format("%,d", r.trainingSamples()) + " training samples per epoch · roughly "
                + Durations.text(r.epochTime()) + " per epoch, " + Durations.text(r.total(e)) + " for " + e
                + " epochs on a 2-core CPU (rough: derived from multiply-adds; convolutions run slower, GPUs faster)");
    }

    private void datasetChanged() {
        DatasetChoice d = dataset.getValue();
        boolean table = d != null && d.upload() != null && d.table();
        targetColumn.setVisible(table);
        regression.setVisible(table);
        limit.setVisible(d != null && d.builtin() != null);
        if (table) {
            targetColumn.setItems(d.columns());
            if (!d.columns().isEmpty()) {
                targetColumn.setValue(d.columns().getLast());
            }
        }
        showEstimate();
    }

    private void showDatasets(UUID select) {
        List<DatasetChoice> choices = new ArrayList<>(BuiltInDataset.ALL.stream().map(DatasetChoice::of).toList());
        services.datasets().list(services.user(), projectId).stream().map(DatasetChoice::of).forEach(choices::add);
        dataset.setItems(choices);
        choices.stream().filter(c -> select != null ? select.equals(c.upload()) : "iris".equals(c.builtin()))
                .findFirst().ifPresent(dataset::setValue);
        datasetChanged();
    }

    private Upload upload(boolean canEdit) {
        Upload upload = new Upload(UploadHandler.toTempFile((meta, file) -> {
            UI ui = UI.getCurrent();
            try (InputStream in = new FileInputStream(file)) {
                var stored = services.datasets().upload(services.user(), projectId, null, meta.fileName(), in);
                ui.access(() -> {
                    UiErrors.success("Uploaded " + stored.name());
                    showDatasets(stored.id());
                });
            } catch (ApiException | IOException e) {
                String why = e instanceof ApiException a ? UiErrors.sentence(a) : "the file could not be read";
                ui.access(() -> fieldError("dataset", "Could not upload " + meta.fileName() + ": " + why));
            } finally {
                file.delete();
            }
        }));
        upload.setAcceptedFileTypes(".csv", ".tsv", ".zip");
        upload.setUploadButton(new Button("Upload a dataset now"));
        upload.setDropLabel(new Span("CSV/TSV table or ZIP of image folders"));
        upload.setEnabled(canEdit);
        upload.getElement().setAttribute("data-testid", "launch-upload");
        upload.addAllFinishedListener(e -> upload.clearFileList());
        return upload;
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

    private static FormLayout form(Component... fields) {
        FormLayout f = new FormLayout(fields);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2),
                new FormLayout.ResponsiveStep("45rem", 3));
        return f;
    }

    private static IntegerField intField(String label, Integer min, String helper) {
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
        s.setItemLabelGenerator(i -> TrainingSettings.id(i).replace('-', ' '));
        if (items.length > 0 && items[0] instanceof LossKind) {
            s.setEmptySelectionAllowed(true); // no loss: chosen by the task
            s.setEmptySelectionCaption("auto");
        }
        return s;
    }

    private static int required(IntegerField f) {
        if (f.getValue() == null) {
            throw new MissingValue(f);
        }
        return f.getValue();
    }

    /** An empty or unreadable number field; the dialog marks it instead of sending a request. */
    private static final class MissingValue extends RuntimeException {
        private final HasValidation field;

        MissingValue(HasValidation field) {
            super(null, null, false, false);
            this.field = field;
        }
    }

    /** The engine's own messages name settings in words ("batch size must be..."); map them to the fields. */
    static final class FieldNames {
        private static final Map<String, String> WORDS = new LinkedHashMap<>();

        static {
            WORDS.put("validation fraction", "validationFraction");
            WORDS.put("batch size", "batchSize");
            WORDS.put("learning rate", "learningRate");
            WORDS.put("weight decay", "weightDecay");
            WORDS.put("monitored metric", "monitor");
            WORDS.put("warm-up", "warmupEpochs");
            WORDS.put("epochs", "epochs");
            WORDS.put("l1", "l1");
            WORDS.put("l2", "l2");
        }

        private FieldNames() {
        }

        static String fromEngineMessage(String message) {
            String m = message.toLowerCase(Locale.ROOT);
            return WORDS.entrySet().stream().filter(e -> m.contains(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }
}
