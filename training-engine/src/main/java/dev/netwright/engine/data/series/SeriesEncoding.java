package dev.netwright.engine.data.series;

import java.util.List;

/**
 * The fitted recipe of a forecaster, kept with the model (model.json): which columns form a window, how many steps in
 * and out, and the per-column scaling fitted on the training part of the series. Prediction scales a raw window with
 * it and turns the network's output back into the series' units.
 *
 * @param columns      the forecast series
 * @param features     extra input columns
 * @param window       input steps
 * @param horizon      forecast steps
 * @param mean         per input column (series, then features): mean over the training part
 * @param scale        per input column: standard deviation over the training part (1 for a constant column)
 * @param seasonLength steps per season for the seasonal-naive baseline (0: none)
 */
public record SeriesEncoding(List<String> columns, List<String> features, int window, int horizon, double[] mean,
                             double[] scale, int seasonLength) {
    public SeriesEncoding {
        columns = List.copyOf(columns);
        features = List.copyOf(features);
        if (mean.length != columns.size() + features.size() || scale.length != mean.length) {
            throw new IllegalArgumentException("one mean and scale per input column");
        }
    }

    public int inputs() {
        return mean.length;
    }

    /** Values the network forecasts per sample: horizon steps of every series, step-major. */
    int outputs() {
        return horizon * columns.size();
    }

    /** Raw windows, {@code [count, window, inputs]} row-major, to the network's scale. */
    public float[] scaleWindows(float[] raw) {
        float[] out = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            int c = k % inputs();
            out[k] = (float) ((raw[k] - mean[c]) / scale[c]);
        }
        return out;
    }

    /** Raw targets, {@code [count, horizon, series]} row-major, to the network's scale. */
    float[] scaleTargets(float[] raw) {
        float[] out = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            int c = k % columns.size();
            out[k] = (float) ((raw[k] - mean[c]) / scale[c]);
        }
        return out;
    }

    /** The network's outputs back in the series' units. */
    public float[] unscaleForecasts(float[] scaled) {
        float[] out = new float[scaled.length];
        for (int k = 0; k < scaled.length; k++) {
            int c = k % columns.size();
            out[k] = (float) (scaled[k] * scale[c] + mean[c]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesEncoding e && columns.equals(e.columns) && features.equals(e.features)
                && window == e.window && horizon == e.horizon && java.util.Arrays.equals(mean, e.mean)
                && java.util.Arrays.equals(scale, e.scale) && seasonLength == e.seasonLength;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(columns, features, window, horizon, java.util.Arrays.hashCode(mean),
                java.util.Arrays.hashCode(scale), seasonLength);
    }

    @Override
    public String toString() {
        return "SeriesEncoding" + columns + "+" + features + " window " + window + " horizon " + horizon;
    }
}
