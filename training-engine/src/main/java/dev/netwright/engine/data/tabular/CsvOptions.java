package dev.netwright.engine.data.tabular;

import dev.netwright.engine.data.ArrayDataset;

import java.util.Set;

/**
 * How to turn a CSV/TSV table (first line = column names) into a dataset.
 *
 * @param targetColumn       name of the column to predict
 * @param task               CLASSIFICATION (target values are class names) or REGRESSION (numeric target)
 * @param delimiter          field separator; 0 picks tab for {@code .tsv}/{@code .tab} files, comma otherwise
 * @param categoricalColumns columns to one-hot encode even if their values look numeric; any column with a
 *                           non-numeric value is categorical anyway
 * @param ignoredColumns     columns to drop (ids, free text)
 * @param missing            REPORT or IMPUTE missing feature values
 * @param missingTokens      cell texts meaning "missing" (besides the empty cell), compared ignoring case
 */
public record CsvOptions(String targetColumn, ArrayDataset.Task task, char delimiter, Set<String> categoricalColumns,
                         Set<String> ignoredColumns, MissingValues missing, Set<String> missingTokens) {

    static final Set<String> DEFAULT_MISSING_TOKENS = Set.of("na", "n/a", "nan", "null", "?");

    public CsvOptions {
        if (task == ArrayDataset.Task.UNLABELLED) {
            throw new IllegalArgumentException("a table needs a target: use CLASSIFICATION or REGRESSION");
        }
        categoricalColumns = Set.copyOf(categoricalColumns);
        ignoredColumns = Set.copyOf(ignoredColumns);
        missingTokens = Set.copyOf(missingTokens.stream().map(String::toLowerCase).toList());
    }

    /** Classification on {@code targetColumn}, auto delimiter, missing values reported. */
    public static CsvOptions classification(String targetColumn) {
        return new CsvOptions(targetColumn, ArrayDataset.Task.CLASSIFICATION, (char) 0, Set.of(), Set.of(),
                MissingValues.REPORT, DEFAULT_MISSING_TOKENS);
    }

    /** Regression on {@code targetColumn}, auto delimiter, missing values reported. */
    public static CsvOptions regression(String targetColumn) {
        return new CsvOptions(targetColumn, ArrayDataset.Task.REGRESSION, (char) 0, Set.of(), Set.of(),
                MissingValues.REPORT, DEFAULT_MISSING_TOKENS);
    }

    public CsvOptions withMissing(MissingValues policy) {
        return new CsvOptions(targetColumn, task, delimiter, categoricalColumns, ignoredColumns, policy, missingTokens);
    }

    public CsvOptions withCategorical(Set<String> columns) {
        return new CsvOptions(targetColumn, task, delimiter, columns, ignoredColumns, missing, missingTokens);
    }

    public CsvOptions withIgnored(Set<String> columns) {
        return new CsvOptions(targetColumn, task, delimiter, categoricalColumns, columns, missing, missingTokens);
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(targetColumn, task, d, categoricalColumns, ignoredColumns, missing, missingTokens);
    }

    boolean isMissing(String cell) {
        return cell.isEmpty() || missingTokens.contains(cell.toLowerCase());
    }
}
