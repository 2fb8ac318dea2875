package dev.netwright.engine.data.series;

import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.tabular.CsvReader;
import dev.netwright.engine.data.tabular.CsvTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The numeric columns of a time-ordered table, one row per step: the series first, then the extra features.
 *
 * @param source  the file
 * @param columns the column names, in value order
 * @param values  {@code values[step][column]}
 * @param filled  cells that were missing and interpolated
 */
public record SeriesTable(String source, List<String> columns, double[][] values, int filled) {
    private static final int LISTED = 10;

    public int steps() {
        return values.length;
    }

    public static SeriesTable load(CsvTable table, SeriesSettings settings) {
        List<String> columns = settings.inputColumns();
        int[] index = new int[columns.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = table.column(columns.get(c), c < settings.columns().size() ? "series" : "feature");
        }
        int n = table.rows().size();
        double[][] values = new double[n][columns.size()];
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        for (int i = 0; i < n; i++) {
            CsvReader.Row row = table.rows().get(i);
            for (int c = 0; c < index.length; c++) {
                String cell = row.fields().get(index[c]).strip();
                if (cell.isEmpty() || cell.equalsIgnoreCase("na") || cell.equalsIgnoreCase("nan")
                        || cell.equalsIgnoreCase("null") || cell.equals("?")) {
                    values[i][c] = Double.NaN;
                    missingCount++;
                    if (missing.size() < LISTED) {
                        missing.add("line " + row.line() + " column '" + columns.get(c) + "'");
                    }
                    continue;
                }
                try {
                    values[i][c] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new DatasetException(table.source(), "line " + row.line() + ", column '" + columns.get(c)
                            + "'", "'" + cell + "' is not a number; a series column holds numbers only");
                }
                if (!Double.isFinite(values[i][c])) {
                    throw new DatasetException(table.source(), "line " + row.line() + ", column '" + columns.get(c)
                            + "'", "'" + cell + "' is not a finite number");
                }
            }
        }
        if (missingCount > 0 && settings.missing() == MissingSteps.REPORT) {
            throw new DatasetException(table.source(), null, missingCount + " missing value"
                    + (missingCount == 1 ? "" : "s") + " (" + String.join(", ", missing)
                    + (missingCount > missing.size() ? ", ..." : "") + "); fill them in the file, or interpolate "
                    + "them linearly with --impute linear");
        }
        for (int c = 0; c < columns.size(); c++) {
            interpolate(table.source(), columns.get(c), values, c);
        }
        return new SeriesTable(table.source(), columns, values, missingCount);
    }

    /** Linear between the neighbours in time; the nearest value before the first or after the last known one. */
    private static void interpolate(String source, String column, double[][] values, int c) {
        int previous = -1;
        for (int i = 0; i <= values.length; i++) {
            if (i < values.length && Double.isNaN(values[i][c])) {
                continue;
            }
            if (i - previous > 1) {
                if (previous < 0 && i == values.length) {
                    throw new DatasetException(source, "column '" + column + "'", "every value is missing");
                }
                for (int k = previous + 1; k < i; k++) {
                    values[k][c] = previous < 0 ? values[i][c] : i == values.length ? values[previous][c]
                            : values[previous][c] + (values[i][c] - values[previous][c]) * (k - previous) / (i - previous);
                }
            }
            previous = i;
        }
    }
}
