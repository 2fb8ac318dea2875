package dev.netwright.engine.data.series;

import java.util.List;

/**
 * What the user chose for a time-series forecast. Rows are time steps, oldest first.
 *
 * @param columns      the series to forecast (one or more numeric columns)
 * @param features     extra numeric columns the network sees in its window but does not forecast
 * @param window       input steps per sample; null takes the design's Input length
 * @param horizon      steps forecast per sample; null takes the design's output size divided by the series count
 * @param missing      report (default) or interpolate missing values
 * @param seasonLength steps per season for the seasonal-naive baseline (0 or null: no seasonal baseline)
 */
public record SeriesSettings(List<String> columns, List<String> features, Integer window, Integer horizon,
                             MissingSteps missing, Integer seasonLength) {
    public SeriesSettings {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("name at least one series column to forecast");
        }
        columns = List.copyOf(columns);
        features = features == null ? List.of() : List.copyOf(features);
        missing = missing == null ? MissingSteps.REPORT : missing;
        seasonLength = seasonLength == null ? 0 : seasonLength;
        if (window != null && window < 1) {
            throw new IllegalArgumentException("the window must be at least 1 step, got " + window);
        }
        if (horizon != null && horizon < 1) {
            throw new IllegalArgumentException("the horizon must be at least 1 step (how far ahead to forecast), got "
                    + horizon);
        }
        if (seasonLength < 0) {
            throw new IllegalArgumentException("the season length must be 0 (none) or more, got " + seasonLength);
        }
        for (String f : features) {
            if (columns.contains(f)) {
                throw new IllegalArgumentException("column '" + f + "' is both a series and an extra feature");
            }
        }
    }

    /** The network's input columns: the series, then the extra features. */
    public List<String> inputColumns() {
        List<String> all = new java.util.ArrayList<>(columns);
        all.addAll(features);
        return all;
    }
}
