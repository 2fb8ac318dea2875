package dev.netwright.engine.data.text;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.tabular.CsvOptions;
import dev.netwright.engine.data.tabular.CsvReader;
import dev.netwright.engine.data.tabular.CsvTable;
import dev.netwright.engine.data.tabular.TableLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table's free-text column and its labels, before tokenisation (which is fitted on the training split only).
 *
 * @param source     the file
 * @param column     the text column
 * @param texts      one text per row
 * @param targets    class index or value per row
 * @param task       classification or regression
 * @param classNames class names in index order (classification)
 * @param emptyRows  rows whose text is empty (they become all padding)
 */
public record TextTable(String source, String column, List<String> texts, float[] targets, ArrayDataset.Task task,
                        List<String> classNames, int emptyRows) {

    public TextTable {
        texts = List.copyOf(texts);
        classNames = List.copyOf(classNames);
    }

    /** Reads the text column ({@code settings.column()}, or the one {@link #detectColumn} finds) and the target. */
    public static TextTable load(CsvTable table, TextSettings settings, String targetColumn, ArrayDataset.Task task) {
        String column = settings.column() != null ? settings.column() : detectColumn(table, targetColumn)
                .orElseThrow(() -> new DatasetException(table.source(), null, "no column holds free text (several "
                        + "words per row); name the text column with --text COLUMN. The columns are "
                        + table.names()));
        int textCol = table.column(column, "text");
        int targetCol = table.column(targetColumn, "target");
        if (textCol == targetCol) {
            throw new DatasetException(table.source(), null, "column '" + column + "' cannot be both the text and "
                    + "the target");
        }
        List<String> texts = new ArrayList<>();
        int empty = 0;
        for (CsvReader.Row row : table.rows()) {
            String t = row.fields().get(textCol);
            texts.add(t);
            empty += t.isBlank() ? 1 : 0;
        }
        if (empty == texts.size()) {
            throw new DatasetException(table.source(), "column '" + column + "'", "the text column is empty in "
                    + "every row; name the column that holds the text with --text COLUMN");
        }
        CsvOptions options = task == ArrayDataset.Task.REGRESSION ? CsvOptions.regression(targetColumn)
                : CsvOptions.classification(targetColumn);
        TableLoader.Target target = TableLoader.fitTarget(table.source(), table.rows(), targetCol, targetColumn,
                options);
        return new TextTable(table.source(), column, texts, target.values(), task, target.classNames(), empty);
    }

    /** Rows looked at to decide whether a column is free text (enough to tell, cheap on large files). */
    private static final int DETECTION_ROWS = 10_000;

    /**
     * The column that looks like free text (see {@link #looksLikeText}, on the first rows); among several, the one
     * with the most words per row.
     */
    public static Optional<String> detectColumn(CsvTable table, String targetColumn) {
        String best = null;
        double bestWords = 0;
        for (int j = 0; j < table.names().size(); j++) {
            if (table.names().get(j).equals(targetColumn)) {
                continue;
            }
            int col = j;
            List<String> cells = table.rows().stream().limit(DETECTION_ROWS).map(r -> r.fields().get(col)).toList();
            double words = wordsPerRow(cells);
            if (looksLikeText(cells) && words > bestWords) {
                best = table.names().get(j);
                bestWords = words;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether a column's cells are free text rather than numbers or categories: not all numbers, and several words
     * per non-empty cell on average (at least 3, or 2 when most cells differ).
     */
    public static boolean looksLikeText(List<String> cells) {
        int filled = 0;
        boolean numeric = true;
        Set<String> distinct = new HashSet<>();
        for (String cell : cells) {
            if (cell.isBlank()) {
                continue;
            }
            filled++;
            distinct.add(cell);
            numeric &= isNumber(cell);
        }
        if (numeric || filled == 0) {
            return false;
        }
        double perRow = wordsPerRow(cells);
        return perRow >= 3 || (perRow >= 2 && distinct.size() >= 0.5 * cells.size());
    }

    /** Words (tokens starting with a letter) per non-empty cell. */
    private static double wordsPerRow(List<String> cells) {
        long words = 0;
        int filled = 0;
        for (String cell : cells) {
            if (cell.isBlank()) {
                continue;
            }
            filled++;
            words += Tokens.split(cell, TokenLevel.WORD).stream().filter(t -> Character.isLetter(t.codePointAt(0)))
                    .count();
        }
        return filled == 0 ? 0 : (double) words / filled;
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
