package dev.netwright.backend.dataset;

import dev.netwright.backend.api.ApiException;
import dev.netwright.engine.data.tabular.Utf8Problem;
import dev.netwright.engine.data.text.TextTable;
import dev.netwright.engine.data.text.TokenLengths;
import dev.netwright.engine.data.text.TokenLevel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV/TSV upload once: header, inferred column types, first rows, row count, and for free-text columns the
 * tokens per row (what a user needs to pick a text design's Input length). A table without data rows or with rows
 * whose number of values differs from the header's is refused ({@code raggedRows} stays in the summary for datasets
 * stored before that rule, and is 0 for new ones).
 */
final class CsvInspector {
    static final int PREVIEW_ROWS = 20;
    static final int TYPE_SAMPLE_ROWS = 10_000;
    private static final int MAX_COLUMNS = 10_000;
    /** Text statistics are gathered for this many leading columns (bounded memory for very wide files). */
    private static final int TEXT_COLUMNS = 200;

    enum ColumnType { INTEGER, NUMBER, BOOLEAN, TEXT, EMPTY }

    /**
     * One column; {@code freeText} and {@code tokens} (word tokens per row over the sampled rows) are set for a column
     * of free text, as the training engine recognises it.
     */
    record Column(String name, ColumnType type, long missing, long distinctSampled, boolean freeText,
                  TokenLengths tokens) {
    }

    record Summary(String separator, List<Column> columns, List<List<String>> firstRows, long rows,
                   long raggedRows) {
    }

    private CsvInspector() {
    }

    static Summary inspect(Path file, char separator) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset(); // no byte-order mark
            }
            Csv csv = new Csv(reader, separator);
            List<String> header = csv.next();
            if (header == null || header.stream().allMatch(String::isBlank)) {
                throw ApiException.badRequest("the file is empty: a header line with column names is needed");
            }
            if (header.size() > MAX_COLUMNS) {
                throw ApiException.badRequest("the file has " + header.size() + " columns; at most " + MAX_COLUMNS
                        + " are supported");
            }
            int width = header.size();
            ColumnType[] types = new ColumnType[width];
            java.util.Arrays.fill(types, ColumnType.EMPTY);
            long[] missing = new long[width];
            List<Set<String>> distinct = new ArrayList<>();
            List<List<String>> cells = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                distinct.add(new HashSet<>());
                cells.add(new ArrayList<>());
            }
            List<List<String>> first = new ArrayList<>();
            long rows = 0;
            long ragged = 0;
            long firstRaggedRow = 0;
            int firstRaggedWidth = 0;
            List<String> row;
            while ((row = csv.next()) != null) {
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue; // blank line
                }
                rows++;
                if (row.size() != width) {
                    if (ragged++ == 0) {
                        firstRaggedRow = rows;
                        firstRaggedWidth = row.size();
                    }
                }
                if (first.size() < PREVIEW_ROWS) {
                    first.add(row);
                }
                if (rows <= TYPE_SAMPLE_ROWS) {
                    for (int i = 0; i < width; i++) {
                        String v = i < row.size() ? row.get(i).strip() : "";
                        if (i < TEXT_COLUMNS && types[i] != ColumnType.INTEGER && types[i] != ColumnType.NUMBER) {
                            cells.get(i).add(v);
                        }
                        if (v.isEmpty()) {
                            missing[i]++;
                        } else {
                            types[i] = widen(types[i], typeOf(v));
                            if (distinct.get(i).size() <= 1000) {
                                distinct.get(i).add(v);
                            }
                        }
                    }
                }
            }
            if (rows == 0) {
                throw ApiException.badRequest("the file has a header line but no data rows: add at least one row "
                        + "below the column names");
            }
            if (ragged > 0) {
                // a row with more or fewer values than columns shifts values into the wrong columns when training
                throw ApiException.badRequest("data row " + firstRaggedRow + " has " + firstRaggedWidth
                        + (firstRaggedWidth == 1 ? " value" : " values") + " but the header names " + width
                        + " columns" + (ragged > 1 ? " (" + ragged + " rows differ in all)" : "")
                        + "; every row needs one value per column (leave a value empty between separators)");
            }
            List<Column> columns = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < width; i++) {
                String name = header.get(i).strip();
                if (name.isEmpty() || !seen.add(name)) {
                    name = "column" + (i + 1);
                }
                boolean text = types[i] == ColumnType.TEXT && TextTable.looksLikeText(cells.get(i));
                columns.add(new Column(name, types[i], missing[i], distinct.get(i).size(), text,
                        text ? TokenLengths.of(cells.get(i).stream().filter(c -> !c.isEmpty()).toList(),
                                TokenLevel.WORD) : null));
            }
            return new Summary(separator == '\t' ? "tab" : String.valueOf(separator), columns, first, rows, ragged);
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(Utf8Problem.locate(file, e).getMessage().replace(file.toString(),
                    "the file"));
        } catch (IOException e) {
            throw ApiException.badRequest("the file cannot be read as " + (separator == '\t' ? "TSV" : "CSV") + ": "
                    + e.getMessage());
        }
    }

    static ColumnType typeOf(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return ColumnType.BOOLEAN;
        }
        try {
            Long.parseLong(v);
            return ColumnType.INTEGER;
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) || v.equalsIgnoreCase("nan") ? ColumnType.NUMBER : ColumnType.TEXT;
        } catch (NumberFormatException e) {
            return ColumnType.TEXT;
        }
    }

    /** The narrowest type that holds both: integer and number give number; anything else mixed gives text. */
    static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == ColumnType.EMPTY || a == b) {
            return b;
        }
        if ((a == ColumnType.INTEGER && b == ColumnType.NUMBER) || (a == ColumnType.NUMBER && b == ColumnType.INTEGER)) {
            return ColumnType.NUMBER;
        }
        return ColumnType.TEXT;
    }

    static Map<String, Object> toMap(Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("separator", s.separator());
        m.put("rows", s.rows());
        m.put("raggedRows", s.raggedRows());
        m.put("columns", s.columns());
        m.put("firstRows", s.firstRows());
        return m;
    }
}
