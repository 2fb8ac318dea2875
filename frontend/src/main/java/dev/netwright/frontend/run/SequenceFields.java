package dev.netwright.frontend.run;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.netwright.engine.data.series.MissingSteps;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.data.text.TextSettings;
import dev.netwright.engine.data.text.TokenLevel;
import dev.netwright.engine.worker.DatasetRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The launch dialog's fields for reading an uploaded table as free text (the text column, word or character tokens)
 * or as a time series to forecast (series columns, extra features, window, horizon, season, interpolation). They end
 * up in the run's dataset settings ({@link DatasetRef#text()}, {@link DatasetRef#series()}), as the REST API takes
 * them.
 */
public final class SequenceFields extends FormLayout {
    /** How the uploaded table is read. */
    enum Reading {
        TABLE("Columns of numbers and categories"),
        TEXT("A free-text column (classify texts)"),
        SERIES("A time series (forecast)");

        final String label;

        Reading(String label) {
            this.label = label;
        }
    }

    private final RadioButtonGroup<Reading> reading = new RadioButtonGroup<>("Read the table as");
    private final ComboBox<String> textColumn = new ComboBox<>("Text column");
    private final Checkbox characters = new Checkbox("One token per character (instead of per word)");
    private final MultiSelectComboBox<String> series = new MultiSelectComboBox<>("Series to forecast");
    private final MultiSelectComboBox<String> features = new MultiSelectComboBox<>("Extra input columns");
    private final IntegerField window = new IntegerField("Window (steps in)");
    private final IntegerField horizon = new IntegerField("Horizon (steps out)");
    private final IntegerField season = new IntegerField("Season length (steps)");
    private final Checkbox interpolate = new Checkbox("Interpolate missing values linearly");
    private final Runnable onChange;

    public SequenceFields(Runnable onChange) {
        this.onChange = onChange;
        reading.setItems(Reading.values());
        reading.setItemLabelGenerator(r -> r.label);
        reading.setValue(Reading.TABLE);
        reading.getElement().setAttribute("data-testid", "launch-reading");
        reading.addValueChangeListener(e -> showFields());
        textColumn.getElement().setAttribute("data-testid", "launch-text-column");
        textColumn.setHelperText("tokenised on the training split; vocabulary size and length come from the design's "
                + "Embedding and Input");
        series.getElement().setAttribute("data-testid", "launch-series");
        window.setPlaceholder("the design's Input");
        horizon.setPlaceholder("the design's output");
        window.getElement().setAttribute("data-testid", "launch-window");
        horizon.getElement().setAttribute("data-testid", "launch-horizon");
        season.setValue(0);
        season.setMin(0);
        season.setHelperText("for the seasonal-naive baseline; 0: none");
        add(reading, textColumn, characters, series, features, window, horizon, season, interpolate);
        setColspan(reading, 2);
        updateVisibility(); // not onChange: the owner's fields may not exist yet
    }

    /** Column names in an uploaded table's stored summary (empty for other datasets). */
    public static List<String> columns(java.util.Map<String, Object> summary) {
        return columnsWhere(summary, c -> true);
    }

    /** The columns the upload's preview found to hold free text. */
    public static List<String> textColumns(java.util.Map<String, Object> summary) {
        return columnsWhere(summary, c -> Boolean.TRUE.equals(c.get("freeText")));
    }

    private static List<String> columnsWhere(java.util.Map<String, Object> summary,
                                             java.util.function.Predicate<java.util.Map<?, ?>> keep) {
        if (summary == null || !(summary.get("columns") instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(c -> c instanceof java.util.Map<?, ?> m && m.get("name") != null && keep.test(m)
                ? m.get("name").toString() : null).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Offers an uploaded table's columns (hidden for other datasets); a free-text column found at upload is chosen
     * for text.
     */
    public void datasetChanged(boolean uploadedTable, List<String> columns, List<String> freeText) {
        setVisible(uploadedTable);
        if (!uploadedTable) {
            reading.setValue(Reading.TABLE);
            return;
        }
        textColumn.setItems(columns);
        series.setItems(columns);
        features.setItems(columns);
        if (!freeText.isEmpty()) {
            textColumn.setValue(freeText.getFirst());
            reading.setValue(Reading.TEXT);
        } else {
            reading.setValue(Reading.TABLE);
        }
        showFields();
    }

    /** Whether the run forecasts a series (then there is no target column to choose). */
    public boolean forecasts() {
        return isVisible() && reading.getValue() == Reading.SERIES;
    }

    /**
     * The dataset settings with the text or series choice added; refused with the engine's reason (the same checks as
     * the REST API's) when the numbers make no sense.
     */
    public DatasetRef apply(DatasetRef ref) {
        if (!isVisible() || reading.getValue() == Reading.TABLE) {
            return ref;
        }
        if (reading.getValue() == Reading.TEXT) {
            TextSettings text = new TextSettings(textColumn.getValue(), characters.getValue() ? TokenLevel.CHARACTER
                    : TokenLevel.WORD);
            return new DatasetRef(null, null, ref.datasetId(), ref.targetColumn(), ref.regression(), text, null);
        }
        SeriesSettings settings = new SeriesSettings(new ArrayList<>(series.getSelectedItems()),
                new ArrayList<>(features.getSelectedItems()), window.getValue(), horizon.getValue(),
                interpolate.getValue() ? MissingSteps.LINEAR : MissingSteps.REPORT,
                season.getValue() == null ? 0 : season.getValue());
        return new DatasetRef(null, null, ref.datasetId(), null, true, null, settings);
    }

    private void showFields() {
        updateVisibility();
        onChange.run();
    }

    private void updateVisibility() {
        boolean text = reading.getValue() == Reading.TEXT;
        boolean forecast = reading.getValue() == Reading.SERIES;
        textColumn.setVisible(text);
        characters.setVisible(text);
        for (com.vaadin.flow.component.Component f : List.<com.vaadin.flow.component.Component>of(series, features,
                window, horizon, season, interpolate)) {
            f.setVisible(forecast);
        }
    }
}
