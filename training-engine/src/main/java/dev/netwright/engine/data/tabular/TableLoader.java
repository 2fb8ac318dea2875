package dev.netwright.engine.data.tabular;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads a CSV/TSV file with a header line into a {@link TabularData}: numeric columns as they are,
 * categorical columns one-hot, missing cells reported or imputed as {@link CsvOptions#missing()} says.
 * Two passes over the rows held in memory: the first learns column kinds, categories and fill values,
 * the second encodes.
 */
public final class TableLoader {

    private TableLoader() {
    }

    public static TabularData load(Path file, CsvOptions options) {
        char delimiter = options.delimiter() != 0 ? options.delimiter() : CsvTable.defaultDelimiter(file);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(r, file.toString(), delimiter, options);
        } catch (MalformedInputException e) {
            throw Utf8Problem.locate(file, e);
        } catch (IOException e) {
            throw new DatasetException(file.toString(), null, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Loads from any reader; {@code source} names the data in error messages. */
    static TabularData load(Reader reader, String source, char delimiter, CsvOptions options) throws IOException {
        CsvTable table = CsvTable.read(reader, source, delimiter);
        List<String> names = table.names();
        int target = names.indexOf(options.targetColumn());
        if (target < 0) {
            throw new DatasetException(source, "line 1", "no target column '" + options.targetColumn()
                    + "'; the columns are " + names);
        }
        for (String c : options.categoricalColumns()) {
            if (!names.contains(c)) {
                throw new DatasetException(source, "line 1", "no column '" + c
                        + "' (listed as categorical); the columns are " + names);
            }
        }
        List<CsvReader.Row> rows = table.rows();
        List<Integer> featureCols = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (j != target && !options.ignoredColumns().contains(names.get(j))) {
                featureCols.add(j);
            }
        }
        List<ColumnEncoding> encodings = new ArrayList<>();
        for (int j : featureCols) {
            encodings.add(fitColumn(source, rows, j, names.get(j), options));
        }
        Target t = fitTarget(source, rows, target, names.get(target), options);
        TableEncoding encoding = new TableEncoding(encodings, names.get(target), t.classNames);
        int width = encoding.width();
        float[] features = new float[rows.size() * width];
        float[] targets = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            List<String> f = rows.get(i).fields();
            Map<String, String> byName = new HashMap<>();
            for (int j : featureCols) {
                String cell = f.get(j);
                byName.put(names.get(j), options.isMissing(cell) ? "" : cell);
            }
            System.arraycopy(encoding.encode(byName), 0, features, i * width, width);
            targets[i] = t.values[i];
        }
        String name = Path.of(source).getFileName().toString();
        ArrayDataset data = new ArrayDataset(name, new long[] {width}, features, targets, 1, options.task(), t.classNames);
        return new TabularData(data, encoding);
    }

    private static ColumnEncoding fitColumn(String source, List<CsvReader.Row> rows, int col, String name,
                                            CsvOptions options) {
        boolean numeric = !options.categoricalColumns().contains(name);
        double sum = 0;
        int present = 0;
        Map<String, Integer> counts = new TreeMap<>();
        for (CsvReader.Row row : rows) {
            String cell = row.fields().get(col);
            if (options.isMissing(cell)) {
                if (options.missing() == MissingValues.REPORT) {
                    throw new DatasetException(source, "line " + row.line() + ", column '" + name + "'",
                            "missing value; fix the file or load with missing values imputed (MissingValues.IMPUTE)");
                }
                continue;
            }
            present++;
            counts.merge(cell, 1, Integer::sum);
            if (numeric) {
                try {
                    double v = Double.parseDouble(cell);
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException(cell);
                    }
                    sum += v;
                } catch (NumberFormatException e) {
                    numeric = false; // one non-number makes the column categorical
                }
            }
        }
        if (present == 0) {
            throw new DatasetException(source, "column '" + name + "'", "every value is missing, nothing to impute from");
        }
        boolean imputed = present < rows.size();
        if (numeric) {
            return new ColumnEncoding(name, ColumnEncoding.Kind.NUMERIC, List.of(),
                    imputed ? Double.toString(sum / present) : null);
        }
        // Most frequent category; ties go to the alphabetically first (TreeMap order) for determinism.
        String mode = counts.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue())
                ? b.getKey().compareTo(a.getKey()) : Integer.compare(a.getValue(), b.getValue())).orElseThrow().getKey();
        return new ColumnEncoding(name, ColumnEncoding.Kind.CATEGORICAL, new ArrayList<>(counts.keySet()),
                imputed ? mode : null);
    }

    /** A target column's values: class indices (into {@code classNames}) or numbers (regression). */
    public record Target(float[] values, List<String> classNames) {
    }

    /**
     * Reads the target column of {@code rows}: class names sorted (numerically when all are numbers) for
     * classification, numbers for regression; a missing or non-numeric target is an error naming its line.
     */
    public static Target fitTarget(String source, List<CsvReader.Row> rows, int col, String name, CsvOptions options) {
        float[] values = new float[rows.size()];
        for (CsvReader.Row row : rows) {
            if (options.isMissing(row.fields().get(col))) {
                throw new DatasetException(source, "line " + row.line() + ", column '" + name + "'",
                        "missing target value; rows without a target cannot be used for training");
            }
        }
        if (options.task() == ArrayDataset.Task.REGRESSION) {
            for (int i = 0; i < rows.size(); i++) {
                String cell = rows.get(i).fields().get(col);
                try {
                    values[i] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new DatasetException(source, "line " + rows.get(i).line() + ", column '" + name + "'",
                            "regression target '" + cell + "' is not a number");
                }
            }
            return new Target(values, List.of());
        }
        Set<String> distinct = new LinkedHashSet<>();
        rows.forEach(r -> distinct.add(r.fields().get(col)));
        List<String> classes = sortClassNames(distinct);
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        for (int i = 0; i < rows.size(); i++) {
            values[i] = index.get(rows.get(i).fields().get(col));
        }
        return new Target(values, classes);
    }

    /** All-numeric class names in numeric order (2 before 10), otherwise alphabetical. */
    private static List<String> sortClassNames(Set<String> names) {
        List<String> sorted = new ArrayList<>(names);
        try {
            sorted.forEach(Double::parseDouble);
            sorted.sort(java.util.Comparator.comparingDouble(Double::parseDouble));
        } catch (NumberFormatException e) {
            sorted.sort(null);
        }
        return sorted;
    }
}
