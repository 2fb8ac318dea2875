package dev.netwright.engine.cli;

import dev.netwright.engine.data.series.MissingSteps;
import dev.netwright.engine.data.series.SeriesEncoding;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.data.series.SeriesTable;
import dev.netwright.engine.data.tabular.CsvTable;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Raw text and raw series values for {@code predict}, read the way users have them. */
final class RawInputs {
    private RawInputs() {
    }

    /**
     * Texts from a .csv/.tsv whose header names the model's text column (that column), or from any other file (each
     * non-empty line is one text).
     */
    static List<String> texts(Path file, String column) throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
            CsvTable table = CsvTable.read(file, (char) 0);
            int c = table.column(column, "text");
            return table.rows().stream().map(r -> r.fields().get(c)).toList();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw dev.netwright.engine.data.tabular.Utf8Problem.locate(file, e);
        }
        List<String> texts = lines.stream().filter(l -> !l.isBlank()).toList();
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no text: give one text per line");
        }
        return texts;
    }

    /**
     * Windows for a forecaster: a CSV whose header names the model's columns gives one window, its last rows;
     * otherwise each line is one window of numbers in row-major [step, column] order.
     */
    static List<float[]> windows(Path file, SeriesEncoding encoding, int width) throws IOException {
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .findFirst().orElse("");
        if (!first.contains(encoding.columns().get(0))) {
            return PredictCommand.readRows(file, width);
        }
        SeriesTable table = SeriesTable.load(CsvTable.read(file, (char) 0), new SeriesSettings(encoding.columns(),
                encoding.features(), null, null, MissingSteps.REPORT, 0));
        if (table.steps() < encoding.window()) {
            throw new IllegalArgumentException(file + " has " + table.steps() + " rows, but the model forecasts from "
                    + "a window of " + encoding.window() + " steps");
        }
        float[] window = new float[width];
        int inputs = encoding.inputs();
        for (int w = 0; w < encoding.window(); w++) {
            for (int c = 0; c < inputs; c++) {
                window[w * inputs + c] = (float) table.values()[table.steps() - encoding.window() + w][c];
            }
        }
        return List.of(window);
    }
}
