package dev.netwright.frontend.sweep;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import dev.netwright.frontend.run.SequenceFields;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.dataset.BuiltInDataset;
import dev.netwright.backend.dataset.DatasetService;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.design.DesignViews;
import dev.netwright.backend.resources.RunPolicy;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.sweep.SweepService;
import dev.netwright.backend.sweep.SweepView;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.engine.api.InvalidSettingException;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.worker.DatasetRef;
import dev.netwright.frontend.ui.UiErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Launches a sweep: the design and dataset, the base training settings, and a range per hyperparameter, where the
 * names offered are the training options runs carry and every numeric or choice parameter of the design's layers.
 */
final class LaunchSweepDialog extends Dialog {
    /** The training options offered: every field of a run's settings can vary. */
    private static final List<String> OPTIONS = TrainingSettings.fieldNames();

    private final SweepService sweeps;
    private final DesignService designs;
    private final AppUser user;
    private final UUID projectId;
    private final SerializableConsumer<SweepView> launched;

    private final TextField name = new TextField("Name");
    private final Select<DesignViews.Summary> design = new Select<>();
    private final Select<DataChoice> dataset = new Select<>();
    private final TextField targetColumn = new TextField("Target column");
    private final SequenceFields sequence = new SequenceFields(this::showTargetFields);
    private final Checkbox regression = new Checkbox("Regression (predict a number)");
    private final IntegerField limit = new IntegerField("Samples (0: all)");
    private final IntegerField epochs = new IntegerField("Epochs");
    private final IntegerField batchSize = new IntegerField("Batch size");
    private final NumberField learningRate = new NumberField("Learning rate");
    private final Select<String> method = new Select<>();
    private final Select<String> objective = new Select<>();
    private final Select<String> pruner = new Select<>();
    private final IntegerField maxTrials = new IntegerField("Max trials");
    private final IntegerField maxConcurrent = new IntegerField("At a time");
    private final NumberField maxMinutes = new NumberField("Max minutes (0: none)");
    private final IntegerField seed = new IntegerField("Seed");
    private final Checkbox pareto = new Checkbox("Also minimise the parameter count (Pareto front)");
    /** The server's memory check of the base design and settings, in the words a refused launch would use. */
    private final Div memory = new Div();
    private final VerticalLayout ranges = new VerticalLayout();
    private final List<RangeRow> rows = new ArrayList<>();
    private List<String> names = OPTIONS;

    /** A dataset the sweep can train on: a built-in one, or an upload of this project. */
    record DataChoice(String label, String builtin, UUID uploaded, boolean table, boolean regressionTask,
                      List<String> columns, List<String> textColumns) {
    }

    LaunchSweepDialog(SweepService sweeps, DesignService designs, DatasetService datasets, AppUser user,
                      UUID projectId, SerializableConsumer<SweepView> launched) {
        this.sweeps = sweeps;
        this.designs = designs;
        this.user = user;
        this.projectId = projectId;
        this.launched = launched;
        setHeaderTitle("New sweep");
        setWidth("min(960px, 96vw)");
        getElement().setAttribute("data-testid", "launch-sweep-dialog");

        design.setLabel("Design");
        design.setItems(designs.list(user, projectId));
        design.setItemLabelGenerator(d -> d.name() + " (v" + d.latestVersion() + ")");
        design.addValueChangeListener(e -> designChanged());
        design.getElement().setAttribute("data-testid", "sweep-design");
        dataset.setLabel("Dataset");
        List<DataChoice> choices = new ArrayList<>();
        BuiltInDataset.ALL.forEach(b -> choices.add(new DataChoice(b.title(), b.id(), null, false,
                b.task().equals("regression"), List.of(), List.of())));
        datasets.list(user, projectId).forEach(d -> choices.add(new DataChoice(d.name() + " (uploaded)", null, d.id(),
                !d.kind().equals("IMAGE_ZIP"), false, SequenceFields.columns(d.summary()),
                SequenceFields.textColumns(d.summary()))));
        dataset.setItems(choices);
        dataset.setItemLabelGenerator(DataChoice::label);
        targetColumn.setVisible(false);
        regression.setVisible(false);
        targetColumn.getElement().setAttribute("data-testid", "sweep-target-column");
        dataset.addValueChangeListener(e -> datasetChanged());
        dataset.getElement().setAttribute("data-testid", "sweep-dataset");
        limit.setValue(0);
        limit.setMin(0);
        epochs.setValue(3);
        batchSize.setValue(32);
        learningRate.setValue(0.001);
        method.setLabel("Method");
        method.setItems("tpe", "random", "grid");
        method.setValue("tpe");
        objective.setLabel("Objective");
        objective.setItems("val_accuracy", "val_loss", "train_loss", "test_accuracy", "val_mae", "val_rmse");
        objective.setValue("val_accuracy");
        pruner.setLabel("Pruner");
        pruner.setItems("none", "median", "asha");
        pruner.setValue("none");
        maxTrials.setValue(20);
        maxTrials.setMin(1);
        maxConcurrent.setValue(2);
        maxConcurrent.setMin(1);
        maxMinutes.setValue(0.0);
        seed.setValue(1);
        maxTrials.getElement().setAttribute("data-testid", "sweep-max-trials");
        maxConcurrent.getElement().setAttribute("data-testid", "sweep-max-concurrent");
        epochs.getElement().setAttribute("data-testid", "sweep-epochs");
        memory.addClassName("nw-memory");
        memory.getElement().setAttribute("data-testid", "sweep-memory");
        batchSize.addValueChangeListener(e -> showMemory());
        limit.getElement().setAttribute("data-testid", "sweep-limit");

        FormLayout form = new FormLayout(name, design, dataset, targetColumn, regression, limit, epochs, batchSize, learningRate, method,
                objective, pruner, maxTrials, maxConcurrent, maxMinutes, seed);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 4));
        Button addRange = new Button("Add hyperparameter", VaadinIcon.PLUS.create(), e -> addRow());
        addRange.getElement().setAttribute("data-testid", "add-range");
        ranges.setPadding(false);
        ranges.setSpacing(false);
        add(form, sequence, memory, pareto, new H4("Search space"), ranges, addRange);

        Button launch = new Button("Launch sweep", e -> launch());
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        launch.getElement().setAttribute("data-testid", "launch-sweep");
        getFooter().add(new Button("Cancel", e -> close()), launch);
        addRow();
    }

    /**
     * Pre-fills the dialog for one design with ranges chosen elsewhere (the designer's property panel), one row per
     * hyperparameter ({@code nodeId.param}); launching checks them exactly like typed rows. Answers the names the
     * design's latest saved version does not offer (a layer added or renamed since the last save): they get no row.
     */
    List<String> prefill(UUID designId, Map<String, SweepRange> preset) {
        design.getListDataView().getItems().filter(d -> d.id().equals(designId)).findFirst()
                .ifPresent(design::setValue);
        List<String> missing = new ArrayList<>();
        if (preset.isEmpty()) {
            return missing;
        }
        new ArrayList<>(rows).forEach(r -> {
            rows.remove(r);
            ranges.remove(r);
        });
        preset.forEach((hyperparameter, range) -> {
            if (names.contains(hyperparameter)) {
                addRow().show(hyperparameter, range);
            } else {
                missing.add(hyperparameter);
            }
        });
        if (rows.isEmpty()) {
            addRow();
        }
        return missing;
    }

    private RangeRow addRow() {
        RangeRow[] row = new RangeRow[1];
        row[0] = new RangeRow(names, () -> {
            rows.remove(row[0]);
            ranges.remove(row[0]);
        });
        rows.add(row[0]);
        ranges.add(row[0]);
        return row[0];
    }

    /** Offers the chosen design's layer parameters (numbers and choices) next to the training options. */
    private void designChanged() {
        showMemory();
        List<String> offered = new ArrayList<>(OPTIONS);
        if (design.getValue() != null) {
            DesignViews.Detail detail = designs.get(user, design.getValue().id(), null);
            try {
                Design d = new DesignJson(LayerCatalog.standard()).read(detail.content().toString());
                for (Node node : d.nodes()) {
                    LayerCatalog.standard().find(node.type()).ifPresent(kind -> kind.params().stream()
                            .filter(p -> p.type() == ParamType.INT || p.type() == ParamType.FLOAT
                                    || p.type() == ParamType.CHOICE)
                            .forEach(p -> offered.add(node.id() + "." + p.name())));
                }
            } catch (DesignFormatException e) {
                UiErrors.error("The design cannot be read: " + e.getMessage());
            }
        }
        names = offered;
        rows.forEach(r -> {
            String kept = r.name.getValue();
            r.name.setItems(offered);
            if (offered.contains(kept)) {
                r.name.setValue(kept);
            }
        });
    }

    /** Batch size, design and dataset decide the base training's memory; the server says whether it fits. */
    private void showMemory() {
        memory.removeClassName("nw-error");
        DataChoice d = dataset.getValue();
        if (design.getValue() == null || d == null) {
            memory.setText("");
            return;
        }
        try {
            RunPolicy.MemoryCheck check = sweeps.memoryCheck(user, projectId, design.getValue().id(), datasetRef(d),
                    baseSettings());
            String text = "Memory of each trial at these settings: " + check.summary() + ".";
            if (!check.fits()) {
                text += " This sweep would be refused: make the design smaller or lower the batch size.";
                memory.addClassName("nw-error");
            }
            memory.setText(text);
        } catch (ApiException | InvalidSettingException e) {
            memory.setText(""); // an incomplete or refused setting is reported when launching
        }
    }

    private DatasetRef datasetRef(DataChoice d) {
        return d.builtin() != null
                ? new DatasetRef(d.builtin(), limit.getValue() == null || limit.getValue() == 0 ? null
                : limit.getValue(), null, null, null)
                : new DatasetRef(null, null, d.uploaded().toString(), d.table() ? targetColumn.getValue() : null,
                d.table() && regression.getValue());
    }

    /** The base settings every trial starts from; a field left empty takes its default. */
    private TrainingSettings baseSettings() {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("epochs", epochs.getValue());
        base.put("batchSize", batchSize.getValue());
        base.put("learningRate", learningRate.getValue());
        return TrainingSettings.of(base);
    }

    private void datasetChanged() {
        showMemory();
        DataChoice d = dataset.getValue();
        boolean table = d != null && d.table();
        sequence.datasetChanged(table, table ? d.columns() : List.of(), table ? d.textColumns() : List.of());
        showTargetFields();
        limit.setVisible(d == null || d.builtin() != null);
        if (d != null) {
            objective.setValue(d.regressionTask() || sequence.forecasts() ? "val_loss" : "val_accuracy");
        }
    }

    /** A forecast predicts its own series: no target column, always numbers. */
    private void showTargetFields() {
        DataChoice d = dataset.getValue();
        boolean table = d != null && d.table();
        targetColumn.setVisible(table && !sequence.forecasts());
        regression.setVisible(table && !sequence.forecasts());
        if (d != null && sequence.forecasts()) {
            objective.setValue("val_loss");
        }
    }

    private void launch() {
        if (design.getValue() == null || dataset.getValue() == null) {
            UiErrors.error("Pick a design and a dataset");
            return;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        try {
            for (RangeRow r : rows) {
                parameters.put(r.name.getValue(), r.range());
            }
        } catch (IllegalArgumentException e) {
            UiErrors.error(e.getMessage());
            return;
        }
        DataChoice d = dataset.getValue();
        DatasetRef ref;
        TrainingSettings settings;
        try {
            ref = sequence.apply(datasetRef(d));
            settings = baseSettings();
        } catch (IllegalArgumentException e) { // a refused setting (InvalidSettingException) or sequence option
            UiErrors.error(e.getMessage());
            return;
        }
        var body = new SweepService.CreateSweep(name.getValue(), design.getValue().id(), null, ref, settings,
                parameters, method.getValue(), seed.getValue() == null ? null : seed.getValue().longValue(), null,
                objective.getValue(), null, pareto.getValue() ? "parameters" : null, pruner.getValue(),
                maxTrials.getValue(), maxMinutes.getValue(), maxConcurrent.getValue(), null, null);
        try {
            SweepView created = sweeps.create(user, projectId, body);
            close();
            launched.accept(created);
        } catch (ApiException e) {
            UiErrors.show(e);
        }
    }
}
