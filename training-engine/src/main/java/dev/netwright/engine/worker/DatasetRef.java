package dev.netwright.engine.worker;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.images.ImageZipOptions;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.data.text.TextSettings;
import dev.netwright.engine.run.DatasetSpec;
import java.nio.file.Path;

/**
 * Which data a run trains on, as stored with the run: a built-in dataset ({@code builtin}, {@code limit}) or an
 * uploaded one ({@code datasetId}, with {@code targetColumn} and {@code regression} for tables). An uploaded table
 * can be read as text ({@code text}: the text column and token level; the target column holds the labels) or as a
 * time series to forecast ({@code series}: columns, window, horizon...; no target column). The worker backend turns
 * it into a {@link DatasetSpec} with a local path ({@link #toSpec}).
 */
public record DatasetRef(String builtin, Integer limit, String datasetId, String targetColumn, Boolean regression,
                         TextSettings text, SeriesSettings series) {

    public DatasetRef(String builtin, Integer limit, String datasetId, String targetColumn, Boolean regression) {
        this(builtin, limit, datasetId, targetColumn, regression, null, null);
    }

    // deliberately not named isX(): Jackson would serialise such methods as extra properties
    public boolean usesBuiltin() {
        return builtin != null;
    }

    /** A regression target, or a forecast (always values). */
    public boolean regressionTask() {
        return Boolean.TRUE.equals(regression) || series != null;
    }

    /** The engine's view of an uploaded file of {@code kind} (CSV, TSV, IMAGE_ZIP) stored at {@code file}. */
    public DatasetSpec toSpec(Path file, String kind) {
        if (kind.equals("IMAGE_ZIP")) {
            return new DatasetSpec.ImageZip(file, ImageZipOptions.ColorMode.GREY);
        }
        if (series != null) {
            return new DatasetSpec.Series(file, series);
        }
        ArrayDataset.Task task = regressionTask() ? ArrayDataset.Task.REGRESSION : ArrayDataset.Task.CLASSIFICATION;
        if (text != null) {
            return new DatasetSpec.Text(file, targetColumn, task, text);
        }
        return new DatasetSpec.Table(file, targetColumn, task, false);
    }
}
