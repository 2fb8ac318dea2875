package dev.netwright.engine.data.tabular;

import dev.netwright.engine.data.DatasetException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV/TSV file's header and rows as text, checked for what every loader needs: UTF-8, a header of distinct
 * non-empty names, the same number of fields on every row, at least one row.
 *
 * @param source what error messages call the data (usually the file)
 * @param names  column names
 * @param rows   data rows with the line each starts on
 */
public record CsvTable(String source, List<String> names, List<CsvReader.Row> rows) {
    public CsvTable {
        names = List.copyOf(names);
        rows = List.copyOf(rows);
    }

    /** Reads {@code file}; delimiter 0 picks tab for .tsv/.tab files, comma otherwise. */
    public static CsvTable read(Path file, char delimiter) {
        char d = delimiter != 0 ? delimiter : defaultDelimiter(file);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), d);
        } catch (MalformedInputException e) {
            throw Utf8Problem.locate(file, e);
        } catch (IOException e) {
            throw new DatasetException(file.toString(), null, "cannot read: " + e.getMessage(), e);
        }
    }

    public static CsvTable read(Reader reader, String source, char delimiter) throws IOException {
        CsvReader csv = new CsvReader(reader, delimiter, source);
        CsvReader.Row header = csv.next();
        if (header == null) {
            throw new DatasetException(source, null, "is empty; expected a header line with column names");
        }
        List<String> names = header.fields();
        Set<String> seen = new LinkedHashSet<>();
        for (String n : names) {
            if (n.isEmpty() || !seen.add(n)) {
                throw new DatasetException(source, "line " + header.line(), "column name '" + n + "' is "
                        + (n.isEmpty() ? "empty" : "repeated"));
            }
        }
        List<CsvReader.Row> rows = new ArrayList<>();
        for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
            if (row.fields().size() != names.size()) {
                throw new DatasetException(source, "line " + row.line(), row.fields().size()
                        + " fields but the header has " + names.size());
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DatasetException(source, null, "has a header but no data rows");
        }
        return new CsvTable(source, names, rows);
    }

    /** Index of column {@code name}; an error listing the columns when there is none. */
    public int column(String name, String role) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new DatasetException(source, null, "no " + role + " column '" + name + "'; the columns are " + names);
        }
        return i;
    }

    static char defaultDelimiter(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tab") ? '\t' : ',';
    }
}
