package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.series.ForecastReport;
import dev.netwright.engine.data.series.MissingSteps;
import dev.netwright.engine.data.series.SeriesEncoding;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.data.series.SeriesTable;
import dev.netwright.engine.data.tabular.CsvTable;
import dev.netwright.engine.data.series.SeriesWindows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved forecaster scored on its test part in the series' units, beside the naive baselines, and written as
 * {@code forecast.json}: the report, and the first series around the test part with the model's forecast overlaid
 * (what the run page draws).
 */
public final class Forecasts {
    /** File inside the saved model. */
    public static final String FILE = "forecast.json";

    private Forecasts() {
    }

    /** Chart data: step numbers (1-based rows), actual values, the forecast (null before the test part). */
    record Chart(String column, int testStart, List<Integer> steps, List<Double> actual, List<Double> forecast) {
    }

    static ForecastReport write(Path modelDir, SeriesWindows windows) {
        ArrayDataset raw = windows.rawTest();
        SeriesEncoding encoding = windows.encoding();
        float[] forecasts;
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            forecasts = model.predictBatched(raw);
        }
        ForecastReport report = ForecastReport.of(forecasts, raw, windows.firstTestStart(), windows.table(), encoding);
        Chart chart = chart(windows, forecasts);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report", report);
        out.put("chart", chart);
        try {
            Files.writeString(modelDir.resolve(FILE), ModelBundle.JSON.writeValueAsString(out));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + FILE + " in " + modelDir, e);
        }
        return report;
    }

    /** Scores a saved forecaster on every window of {@code file}, beside the naive baselines on the same windows. */
    public static ForecastReport evaluate(TrainedModel model, Path file, MissingSteps missing) {
        SeriesEncoding e = model.manifest().series();
        if (e == null) {
            throw new IllegalArgumentException("this model is not a forecaster");
        }
        SeriesTable table = SeriesTable.load(CsvTable.read(file, (char) 0), new SeriesSettings(e.columns(),
                e.features(), e.window(), e.horizon(), missing, e.seasonLength()));
        ArrayDataset windows = SeriesWindows.all(table, e);
        return ForecastReport.of(model.predictBatched(windows), windows, e.window(), table, e);
    }

    /**
     * The first series from one window before the test part to the end, with the one-step-ahead forecast of every
     * test window (the last window's further steps fill the final horizon).
     */
    static Chart chart(SeriesWindows windows, float[] forecasts) {
        SeriesEncoding e = windows.encoding();
        int series = e.columns().size();
        int n = windows.table().steps();
        int first = windows.firstTestStart();
        int from = Math.max(0, first - e.window());
        Double[] forecast = new Double[n - from];
        int count = windows.rawTest().size();
        for (int i = 0; i < count; i++) {
            forecast[first + i - from] = (double) forecasts[i * e.horizon() * series];
        }
        for (int h = 1; h < e.horizon() && count > 0; h++) {
            forecast[first + count - 1 + h - from] = (double) forecasts[((count - 1) * e.horizon() + h) * series];
        }
        List<Integer> steps = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        for (int t = from; t < n; t++) {
            steps.add(t + 1);
            actual.add(windows.table().values()[t][0]);
        }
        return new Chart(e.columns().get(0), first + 1, steps, actual, java.util.Arrays.asList(forecast));
    }
}
