package dev.netwright.engine.data.series;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;
import java.util.Optional;

/**
 * Cuts a series into (window, next horizon steps) samples and splits them by time: training first, then validation,
 * then the test part at the end; never shuffled across time. A sample belongs to the part its forecast steps lie in
 * (its window may look back into the part before, as a real forecast would); samples whose forecast straddles a
 * boundary are dropped. Scaling is fitted on the training part's steps only.
 *
 * @param encoding   the fitted recipe
 * @param train      training samples, scaled
 * @param validation validation samples, scaled (empty when none was asked for or the part is too short)
 * @param test       test samples, scaled
 * @param rawTest    the test samples in the series' units (what the model is evaluated on)
 * @param firstTestStart the step of the first test sample's first forecast value (the next sample's is one later)
 * @param table      the series
 * @param trainEnd   first step after the training part
 * @param testStart  first step of the test part
 */
public record SeriesWindows(SeriesEncoding encoding, ArrayDataset train, Optional<ArrayDataset> validation,
                            ArrayDataset test, ArrayDataset rawTest, int firstTestStart, SeriesTable table, int trainEnd,
                            int testStart) {

    public static SeriesWindows cut(SeriesTable table, SeriesSettings settings, int window, int horizon,
                                    double validationFraction, double testFraction) {
        int n = table.steps();
        if (window + horizon > n) {
            throw new DatasetException(table.source(), null, "the window (" + window + " steps) plus the horizon ("
                    + horizon + ") is longer than the series (" + n + " steps); use a shorter window or more data");
        }
        int testStart = n - (int) Math.round(n * testFraction);
        int trainEnd = testStart - (int) Math.round(testStart * validationFraction);
        if (n - horizon + 1 - Math.max(window, testStart) < 1) {
            throw new DatasetException(table.source(), null, "the test part (the last " + (n - testStart)
                    + " steps) is shorter than the horizon (" + horizon + "); use a shorter horizon or more data");
        }
        if (trainEnd - window - horizon + 1 < 1) {
            throw new DatasetException(table.source(), null, "the training part (the first " + trainEnd
                    + " steps) holds no full window of " + window + " steps plus a horizon of " + horizon
                    + "; use a shorter window or more data");
        }
        int inputs = table.columns().size();
        int series = settings.columns().size();
        double[] mean = new double[inputs];
        double[] scale = new double[inputs];
        for (int c = 0; c < inputs; c++) {
            double sum = 0;
            for (int t = 0; t < trainEnd; t++) {
                sum += table.values()[t][c];
            }
            mean[c] = sum / trainEnd;
            double sq = 0;
            for (int t = 0; t < trainEnd; t++) {
                double d = table.values()[t][c] - mean[c];
                sq += d * d;
            }
            double sd = Math.sqrt(sq / trainEnd);
            scale[c] = sd > 1e-12 ? sd : 1;
        }
        SeriesEncoding encoding = new SeriesEncoding(settings.columns(), settings.features(), window, horizon, mean,
                scale, settings.seasonLength());
        ArrayDataset trainRaw = samples(table, "train", window, horizon, series, window, trainEnd);
        ArrayDataset validationRaw = samples(table, "validation", window, horizon, series, Math.max(window, trainEnd),
                testStart);
        int firstTest = Math.max(window, testStart);
        ArrayDataset testRaw = samples(table, "test", window, horizon, series, firstTest, n);
        return new SeriesWindows(encoding, scaled(trainRaw, encoding),
                validationRaw.size() == 0 ? Optional.empty() : Optional.of(scaled(validationRaw, encoding)),
                scaled(testRaw, encoding), testRaw, firstTest, table, trainEnd, testStart);
    }

    /** Every sample of a whole series in its units (evaluating a saved forecaster on new data). */
    public static ArrayDataset all(SeriesTable table, SeriesEncoding encoding) {
        int n = table.steps();
        if (encoding.window() + encoding.horizon() > n) {
            throw new DatasetException(table.source(), null, "the window (" + encoding.window() + " steps) plus the "
                    + "horizon (" + encoding.horizon() + ") is longer than the series (" + n + " steps)");
        }
        return samples(table, "all", encoding.window(), encoding.horizon(), encoding.columns().size(),
                encoding.window(), n);
    }

    /** Samples whose forecast steps start at {@code from} or later and end before {@code to}. */
    private static ArrayDataset samples(SeriesTable table, String part, int window, int horizon, int series, int from,
                                        int to) {
        int inputs = table.columns().size();
        int count = Math.max(0, to - horizon + 1 - from);
        float[] features = new float[count * window * inputs];
        float[] targets = new float[count * horizon * series];
        for (int i = 0; i < count; i++) {
            int t = from + i;
            for (int w = 0; w < window; w++) {
                for (int c = 0; c < inputs; c++) {
                    features[(i * window + w) * inputs + c] = (float) table.values()[t - window + w][c];
                }
            }
            for (int h = 0; h < horizon; h++) {
                for (int c = 0; c < series; c++) {
                    targets[(i * horizon + h) * series + c] = (float) table.values()[t + h][c];
                }
            }
        }
        String name = java.nio.file.Path.of(table.source()).getFileName() + "/" + part;
        return new ArrayDataset(name, new long[] {window, inputs}, features, targets, horizon * series,
                ArrayDataset.Task.REGRESSION, java.util.List.of());
    }

    private static ArrayDataset scaled(ArrayDataset raw, SeriesEncoding encoding) {
        return new ArrayDataset(raw.name(), raw.sampleShape(), encoding.scaleWindows(raw.features()),
                encoding.scaleTargets(raw.targets()), raw.targetWidth(), raw.task(), raw.classNames());
    }
}
