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
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.dataset.BuiltInDataset;
import dev.netwright.backend.design.AnalysisView;
import dev.netwright.backend.design.DesignViews;
import dev.netwright.backend.resources.RunPolicy;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.run.RunView;
import dev.netwright.designer.analysis.Totals;
import dev.netwright.engine.api.InvalidSettingException;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
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
    private final IntegerField limit = TrainingSettingsForm.intField("Use only the first N samples", 0,
            "0: all of them");
    private final TrainingSettingsForm settings = new TrainingSettingsForm();
    private final Div estimate = new Div();
    /** The server's memory check for the current settings: the same words a refused queue request would carry. */
    private final Div memory = new Div();
    /** Fine-tuning: how many parameters train when the design has frozen layers; hidden otherwise. */
    private final Div trainable = new Div();
    private final Span formError = new Span();
    private final Button queue = new Button("Queue run");
    private final Map<String, HasValidation> fieldsByName = new LinkedHashMap<>();
    private Totals totals = Totals.ZERO;
    /** How fast the chosen design trained here last time; empty when it never finished a run on this server. */
    private java.util.Optional<RunEstimate.Measured> measuredSpeed = java.util.Optional.empty();
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
        limit.setValue(LaunchOptions.defaults("iris").limit());

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
        FormLayout data = TrainingSettingsForm.form(dataset, limit, targetColumn, regression);
        data.setColspan(dataset, 2);
        estimate.addClassName("nw-estimate");
        estimate.getElement().setAttribute("data-testid", "launch-estimate");
        memory.addClassName("nw-memory");
        memory.getElement().setAttribute("data-testid", "launch-memory");
        trainable.getElement().setAttribute("data-testid", "launch-trainable");
        trainable.setVisible(false);
        formError.addClassName("nw-status-error");
        formError.getElement().setAttribute("data-testid", "launch-error");
        unsaved.setVisible(false);
        add(unsaved, design, data, sequence, upload);
        settings.sections().forEach(this::add);
        add(trainable, estimate, memory, formError);

        settings.epochs.addValueChangeListener(e -> showEstimate());
        settings.batchSize.addValueChangeListener(e -> showEstimate());
        settings.validation.addValueChangeListener(e -> showEstimate());
        limit.addValueChangeListener(e -> showEstimate());
        settings.optimizer.addValueChangeListener(e -> showEstimate());

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
        fieldsByName.putAll(settings.fieldsByName());
        fieldsByName.forEach((name, f) -> ((Component) f).getElement().setAttribute("data-field", name));
    }

    /** The fields' values; an empty number field or a value the settings refuse is refused here, on its field. */
    LaunchOptions read() {
        DatasetChoice d = dataset.getValue();
        return new LaunchOptions(d == null ? null : d.builtin(), d == null ? null : d.upload(),
                targetColumn.getValue(), regression.getValue(), required(limit), settings.read());
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
        } catch (TrainingSettingsForm.MissingValue e) {
            e.field.setErrorMessage("Enter a number");
            e.field.setInvalid(true);
            return;
        } catch (InvalidSettingException e) {
            showSettingError(e);
            return;
        }
        if (options.limit() < 0) {
            // the service refuses it too ('dataset.limit'); said here in words, before anything is saved
            fieldError("dataset.limit", "The sample limit must be 0 (all) or more, got " + options.limit());
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

    /** "The batch size must be between 1 and 65,536, got 0" on the batch size field. */
    private void showSettingError(InvalidSettingException e) {
        String message = settings.messageFor(e);
        if (message != null) {
            fieldError(e.field(), message);
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
            fieldError(best, FieldNames.onField(message));
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
        measuredSpeed = java.util.Optional.empty();
        if (d == null) {
            totals = Totals.ZERO;
            trainable.setVisible(false);
        } else {
            measuredSpeed = measuredSpeed(d.id());
            DesignViews.Detail detail = services.designs().get(services.user(), d.id(), null);
            AnalysisView.TotalsView t = detail.analysis().totals();
            totals = new Totals(t.trainableParams(), t.nonTrainableParams(), t.multiplyAdds(),
                    t.activationBytesPerSample());
            preselectMatchingDataset(detail.analysis());
            showTrainable(detail, t);
            if (!detail.version().valid()) {
                formError.setText("Version " + detail.version().number() + " of this design has problems; fix and "
                        + "save it before training.");
            } else {
                formError.setText("");
            }
        }
        showEstimate();
    }

    /** The saved version's frozen layers (marked on the canvas) leave only the rest of its parameters to train. */
    private void showTrainable(DesignViews.Detail detail, AnalysisView.TotalsView t) {
        long frozen = 0;
        for (var node : detail.content().path("nodes")) {
            if (node.path("frozen").asBoolean(false)) {
                frozen++;
            }
        }
        trainable.setVisible(frozen > 0);
        trainable.setText(frozen == 0 ? "" : Numbers.grouped(t.trainableParams()) + " trainable of "
                + Numbers.grouped(t.trainableParams() + t.nonTrainableParams()) + " parameters (" + frozen
                + (frozen == 1 ? " layer" : " layers") + " frozen: their weights stay as they are)");
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
        Integer batch = settings.batchSize.getValue();
        Double val = settings.validation.getValue();
        Integer e = settings.epochs.getValue();
        showMemory();
        if (d == null || batch == null || batch < 1 || val == null || val < 0 || val >= 1 || e == null || e < 1) {
            estimate.setText("Estimate: choose a dataset and valid batch size, epochs and validation share.");
            return;
        }
        RunEstimate guess = RunEstimate.of(totals, d.trainSplit(d.builtin() != null ? limit.getValue() : null),
                batch, settings.optimizer.getValue(), val);
        RunEstimate r = measuredSpeed.map(guess::calibrated).orElse(guess);
        String time = r.measured().map(m -> "about " + Durations.text(r.epochTime()) + " per epoch, "
                + Durations.text(r.total(e)) + " for " + e + " epochs (measured: the " + m.run() + " went through "
                + String.format("%,.0f", m.samplesPerSecond()) + " samples/s on this server)")
                .orElse("rough guess " + Durations.text(r.epochTime()) + " per epoch, " + Durations.text(r.total(e))
                        + " for " + e + " epochs (from the multiply-adds, as on a 2-core CPU; convolutions run "
                        + "slower, GPUs faster; a finished run of this design makes it a measurement)");
        estimate.setText("Estimate: " + Numbers.grouped(r.parameters()) + " parameters · "
                + String.format("%,d", r.trainingSamples()) + " training samples per epoch · " + time);
    }

    /**
     * The speed of the design's latest finished run on this server: epochs times the samples each went through,
     * over the run's whole duration (data loading and evaluation included, as the user waits for them too).
     */
    private java.util.Optional<RunEstimate.Measured> measuredSpeed(java.util.UUID designId) {
        TrainingSettings defaults = TrainingSettings.DEFAULTS;
        for (RunView run : services.runs().list(services.user(), projectId, RunStatus.SUCCEEDED, 50)) {
            if (!designId.equals(run.designId()) || run.durationSeconds() == null || run.durationSeconds() <= 0
                    || run.sweepId() != null) {
                continue;
            }
            var ds = run.dataset();
            var config = run.config();
            java.util.Optional<DatasetChoice> used = dataset.getListDataView().getItems().filter(c ->
                    ds.hasNonNull("builtin") ? ds.get("builtin").asString().equals(c.builtin())
                            : ds.hasNonNull("datasetId") && c.upload() != null
                            && ds.get("datasetId").asString().equals(c.upload().toString())).findFirst();
            if (used.isEmpty()) {
                continue;
            }
            Integer runLimit = ds.hasNonNull("limit") ? ds.get("limit").asInt() : null;
            int epochs = config != null && config.hasNonNull("epochs") ? config.get("epochs").asInt()
                    : defaults.epochs();
            double validation = config != null && config.hasNonNull("validationFraction")
                    ? config.get("validationFraction").asDouble() : defaults.validationFraction();
            long samples = (long) epochs * RunEstimate.trainingSamples(used.get().trainSplit(runLimit), validation);
            return java.util.Optional.of(new RunEstimate.Measured("v" + run.designVersion() + " run of "
                    + run.createdAt().toLocalDate(), samples / run.durationSeconds()));
        }
        return java.util.Optional.empty();
    }

    /**
     * Asks the run service what queueing these settings would find (design, batch size and optimizer against the
     * largest worker), so that a run too large for every worker is seen before the click, in the same words.
     */
    private void showMemory() {
        DesignViews.Summary chosen = design.getValue();
        memory.removeClassName("nw-error");
        if (chosen == null || dataset.getValue() == null) {
            memory.setText("");
            return;
        }
        try {
            RunPolicy.MemoryCheck check = services.runs().memoryCheck(services.user(), projectId,
                    read().toCreateRun(chosen.id(), chosen.latestVersion()));
            String text = "Memory: " + check.summary() + ".";
            if (!check.fits()) {
                text += " This run would be refused: make the design smaller or lower the batch size.";
                memory.addClassName("nw-error");
            }
            memory.setText(text);
        } catch (TrainingSettingsForm.MissingValue | InvalidSettingException | ApiException e) {
            memory.setText(""); // an incomplete or refused setting is shown on its field when queueing
        }
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
        dev.netwright.frontend.ui.UploadRejections.explain(upload,
                "CSV or TSV tables (.csv, .tsv) and ZIPs of image folders (.zip)", m -> fieldError("dataset", m));
        return upload;
    }

    private static int required(IntegerField f) {
        if (f.getValue() == null) {
            throw new TrainingSettingsForm.MissingValue(f);
        }
        return f.getValue();
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

        /**
         * The message as its field shows it: without the API's leading {@code 'config': } (or other quoted name) that
         * says where the problem is, since the field itself says that; "'config': batch size must be positive" becomes
         * "Batch size must be positive".
         */
        static String onField(String message) {
            String m = message.replaceFirst("^'[^']*':\\s*", "");
            return m.isEmpty() ? message : Character.toUpperCase(m.charAt(0)) + m.substring(1);
        }

        static String fromEngineMessage(String message) {
            String m = message.toLowerCase(Locale.ROOT);
            return WORDS.entrySet().stream().filter(e -> m.contains(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }
}
