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
final class SequenceFields extends FormLayout {
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

    SequenceFields(Runnable onChange) {
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
        showFields();
    }

    /** Offers the uploaded table's columns; a free-text column found at upload is chosen for text. */
    void datasetChanged(DatasetChoice d) {
        boolean table = d != null && d.upload() != null && d.table();
        setVisible(table);
        if (!table) {
            reading.setValue(Reading.TABLE);
            return;
        }
        textColumn.setItems(d.columns());
        series.setItems(d.columns());
        features.setItems(d.columns());
        if (!d.textColumns().isEmpty()) {
            textColumn.setValue(d.textColumns().getFirst());
            reading.setValue(Reading.TEXT);
        } else {
            reading.setValue(Reading.TABLE);
        }
        showFields();
    }

    /** Whether the run forecasts a series (then there is no target column to choose). */
    boolean forecasts() {
        return isVisible() && reading.getValue() == Reading.SERIES;
    }

    /**
     * The dataset settings with the text or series choice added; refused with the engine's reason (the same checks as
     * the REST API's) when the numbers make no sense.
     */
    DatasetRef apply(DatasetRef ref) {
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
        boolean text = reading.getValue() == Reading.TEXT;
        boolean forecast = reading.getValue() == Reading.SERIES;
        textColumn.setVisible(text);
        characters.setVisible(text);
        for (com.vaadin.flow.component.Component f : List.<com.vaadin.flow.component.Component>of(series, features,
                window, horizon, season, interpolate)) {
            f.setVisible(forecast);
        }
        onChange.run();
    }
}
