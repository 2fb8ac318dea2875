package dev.netwright.frontend.run;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
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
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.run.RunView;
import dev.netwright.designer.analysis.Totals;
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
    private final SequenceFields sequence = new SequenceFields(this::showTargetFields);
    private final IntegerField limit = intField("Use only the first N samples", 0, "0: all of them");
    private final IntegerField epochs = intField("Epochs", 1, null);
    private final IntegerField batchSize = intField("Batch size", 1, null);
    private final Select<String> optimizer = select("Optimizer", "sgd", "momentum", "nesterov", "rmsprop", "adam",
            "adamw", "adagrad");
    private final NumberField learningRate = numberField("Learning rate", null);
    private final NumberField weightDecay = numberField("Weight decay", "decoupled for AdamW, L2 otherwise");
    private final Select<String> loss = select("Loss", "auto", "softmax-cross-entropy", "binary-cross-entropy", "mse",
            "mae", "huber");
    private final Select<String> schedule = select("Learning-rate schedule", "constant", "step", "exponential",
            "cosine", "plateau");
    private final IntegerField stepEpochs = intField("Step every (epochs)", 1, "step decay only");
    private final NumberField gamma = numberField("Decay factor", "step, exponential and plateau");
    private final NumberField warmup = numberField("Warm-up epochs", "linear, 0: none");
    private final NumberField l1 = numberField("L1", null);
    private final NumberField l2 = numberField("L2", null);
    private final NumberField clipNorm = numberField("Clip gradient norm", "0: off");
    private final NumberField clipValue = numberField("Clip gradient values", "0: off");
    private final IntegerField patience = intField("Early stopping patience", 0, "epochs without improvement, 0: off");
    private final Select<String> monitor = select("Monitored metric", "val-loss", "val-accuracy", "train-loss",
            "val-mae", "val-rmse");
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
        add(unsaved, design, data, sequence, upload, basics, new Details("Learning-rate schedule", schedule),
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
        fieldsByName.put("epochs", epochs);
        fieldsByName.put("batchSize", batchSize);
        fieldsByName.put("optimizer", optimizer);
        fieldsByName.put("learningRate", learningRate);
        fieldsByName.put("weightDecay", weightDecay);
        fieldsByName.put("loss", loss);
        fieldsByName.put("schedule", schedule);
        fieldsByName.put("stepEpochs", stepEpochs);
        fieldsByName.put("gamma", gamma);
        fieldsByName.put("warmupEpochs", warmup);
        fieldsByName.put("l1", l1);
        fieldsByName.put("l2", l2);
        fieldsByName.put("clipNorm", clipNorm);
        fieldsByName.put("clipValue", clipValue);
        fieldsByName.put("earlyStoppingPatience", patience);
        fieldsByName.put("monitor", monitor);
        fieldsByName.put("minDelta", minDelta);
        fieldsByName.put("seed", seed);
        fieldsByName.put("validationFraction", validation);
        fieldsByName.put("shift", shift);
        fieldsByName.put("noise", noise);
        fieldsByName.put("devices", devices);
        fieldsByName.forEach((name, f) -> ((Component) f).getElement().setAttribute("data-field", name));
    }

    private void fill(LaunchOptions o) {
        limit.setValue(o.limit());
        epochs.setValue(o.epochs());
        batchSize.setValue(o.batchSize());
        optimizer.setValue(o.optimizer());
        learningRate.setValue(o.learningRate());
        weightDecay.setValue(o.weightDecay());
        loss.setValue(o.loss());
        schedule.setValue(o.schedule());
        stepEpochs.setValue(o.stepEpochs());
        gamma.setValue(o.gamma());
        warmup.setValue(o.warmupEpochs());
        l1.setValue(o.l1());
        l2.setValue(o.l2());
        clipNorm.setValue(o.clipNorm());
        clipValue.setValue(o.clipValue());
        patience.setValue(o.earlyStopping());
        monitor.setValue(o.monitor());
        minDelta.setValue(o.minDelta());
        seed.setValue(o.seed());
        validation.setValue(o.validationFraction());
        flip.setValue(o.flip());
        shift.setValue(o.shift());
        noise.setValue(o.noise());
        devices.setValue(o.devices() == null ? "" : o.devices());
    }

    /** The fields' values; an empty number field is refused here, naming the field, before anything is sent. */
    LaunchOptions read() {
        DatasetChoice d = dataset.getValue();
        return new LaunchOptions(d == null ? null : d.builtin(), d == null ? null : d.upload(),
                targetColumn.getValue(), regression.getValue(), required(limit), required(epochs),
                required(batchSize), optimizer.getValue(), required(learningRate), required(weightDecay),
                loss.getValue(), schedule.getValue(), required(stepEpochs), required(gamma), required(warmup),
                required(l1), required(l2), required(clipNorm), required(clipValue), required(patience),
                monitor.getValue(), required(minDelta), required(seed), required(validation), flip.getValue(),
                required(shift), required(noise), devices.getValue());
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
            RunService.CreateRun request = options.toCreateRun(chosen.id(), version);
            try {
                request = new RunService.CreateRun(request.designId(), request.version(),
                        sequence.apply(request.dataset()), request.config(), request.priority(), request.queue(),
                        request.maxAttempts());
            } catch (IllegalArgumentException e) {
                showRefusal(e.getMessage());
                return;
            }
            RunView run = services.runs().create(services.user(), projectId, request);
            close();
            onQueued.accept(run);
        } catch (ApiException e) {
            showRefusal(UiErrors.sentence(e));
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
                + Numbers.bytes(r.memoryBytes()) + " (batch " + batch + ", " + optimizer.getValue() + ") · "
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
        sequence.datasetChanged(table, table ? d.columns() : List.of(), table ? d.textColumns() : List.of());
        showEstimate();
    }

    /** A forecast predicts its own series: no target column, always numbers. */
    private void showTargetFields() {
        DatasetChoice d = dataset.getValue();
        boolean table = d != null && d.upload() != null && d.table();
        targetColumn.setVisible(table && !sequence.forecasts());
        regression.setVisible(table && !sequence.forecasts());
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
        String s = schedule.getValue();
        stepEpochs.setVisible("step".equals(s));
        gamma.setVisible(List.of("step", "exponential", "plateau").contains(s));
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

    private static Select<String> select(String label, String... items) {
        Select<String> s = new Select<>();
        s.setLabel(label);
        s.setItems(items);
        s.setItemLabelGenerator(i -> i.replace('-', ' '));
        return s;
    }

    private static int required(IntegerField f) {
        if (f.getValue() == null) {
            throw new MissingValue(f);
        }
        return f.getValue();
    }

    private static double required(NumberField f) {
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
