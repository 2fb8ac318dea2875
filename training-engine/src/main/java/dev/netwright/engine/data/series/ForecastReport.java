package dev.netwright.engine.data.series;

import dev.netwright.engine.data.ArrayDataset;
import java.util.Locale;

/**
 * A forecaster's errors on test samples, in the series' units, beside baselines on the same samples: the naive
 * forecast (every step equals the window's last value) and, when a season length is known, the seasonal-naive
 * forecast (each step equals the value one season earlier).
 *
 * @param samples        test samples (windows)
 * @param values         forecast values compared (samples x horizon x series)
 * @param mae            mean absolute error of the model
 * @param rmse           root mean squared error of the model
 * @param naiveMae       of the last-value forecast
 * @param naiveRmse      of the last-value forecast
 * @param seasonLength   season length used (0: no seasonal baseline)
 * @param seasonalMae    of the seasonal-naive forecast (null without a season)
 * @param seasonalRmse   of the seasonal-naive forecast (null without a season)
 */
public record ForecastReport(int samples, int values, double mae, double rmse, double naiveMae, double naiveRmse,
                             int seasonLength, Double seasonalMae, Double seasonalRmse) {

    /**
     * Scores {@code forecasts} (in the series' units, {@code [samples, horizon, series]}) against the samples
     * {@code raw} (consecutive, the first forecasting step {@code firstStart} of {@code table}), and the baselines on
     * the same samples.
     */
    public static ForecastReport of(float[] forecasts, ArrayDataset raw, int firstStart, SeriesTable table,
                                    SeriesEncoding encoding) {
        int series = encoding.columns().size();
        int horizon = encoding.horizon();
        int inputs = encoding.inputs();
        int window = encoding.window();
        int m = encoding.seasonLength();
        double ae = 0, se = 0, nae = 0, nse = 0, sae = 0, sse = 0;
        int values = 0;
        for (int i = 0; i < raw.size(); i++) {
            for (int h = 0; h < horizon; h++) {
                for (int c = 0; c < series; c++) {
                    int k = (i * horizon + h) * series + c;
                    double actual = raw.targets()[k];
                    double d = forecasts[k] - actual;
                    ae += Math.abs(d);
                    se += d * d;
                    double last = raw.features()[(i * window + window - 1) * inputs + c];
                    nae += Math.abs(last - actual);
                    nse += (last - actual) * (last - actual);
                    if (m > 0) {
                        int back = firstStart + i + h - m * (h / m + 1);
                        double seasonal = back >= 0 ? table.values()[back][c] : last;
                        sae += Math.abs(seasonal - actual);
                        sse += (seasonal - actual) * (seasonal - actual);
                    }
                    values++;
                }
            }
        }
        int v = Math.max(values, 1);
        return new ForecastReport(raw.size(), values, ae / v, Math.sqrt(se / v), nae / v, Math.sqrt(nse / v), m,
                m > 0 ? sae / v : null, m > 0 ? Math.sqrt(sse / v) : null);
    }

    /** One line for run logs. */
    public String summary() {
        return String.format(Locale.ROOT, "forecast on the test part (%,d windows): RMSE %.4f, naive (last value) "
                + "RMSE %.4f", samples, rmse, naiveRmse) + (seasonLength > 0 ? String.format(Locale.ROOT,
                ", seasonal naive (season %d) RMSE %.4f", seasonLength, seasonalRmse) : "");
    }

    /** The lines the command line prints. */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "test RMSE %.4f  MAE %.4f  (%,d windows)%n"
                + "naive (last value) RMSE %.4f  MAE %.4f%n", rmse, mae, samples, naiveRmse, naiveMae));
        if (seasonLength > 0) {
            s.append(String.format(Locale.ROOT, "seasonal naive (season %d) RMSE %.4f  MAE %.4f%n", seasonLength,
                    seasonalRmse, seasonalMae));
        }
        return s.toString();
    }
}
