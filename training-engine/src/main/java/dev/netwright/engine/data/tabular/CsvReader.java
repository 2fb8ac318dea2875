package dev.netwright.engine.data.tabular;

import dev.netwright.engine.data.DatasetException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal RFC 4180 reader (quoted fields, doubled quotes, quoted line breaks) that remembers the line each
 * record starts on, so errors can point at it. Own code rather than Tribuo's CSV iterator because Tribuo's
 * rows carry no line numbers and treat an absent value as an implicit zero.
 */
public final class CsvReader {

    /** One record and the 1-based line it starts on. */
    public record Row(int line, List<String> fields) {
    }

    private final BufferedReader in;
    private final char delimiter;
    private final String source;
    private int line = 0;

    CsvReader(Reader reader, char delimiter, String source) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        this.delimiter = delimiter;
        this.source = source;
    }

    /** The next non-empty record, or null at the end. */
    Row next() throws IOException {
        String text;
        do {
            text = in.readLine();
            line++;
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        if (line == 1 && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // byte-order mark that spreadsheet exports put before the header
        }
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (quoted) {
                    String more = in.readLine();
                    line++;
                    if (more == null) {
                        throw new DatasetException(source, "line " + start, "a quoted field is never closed");
                    }
                    field.append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                return new Row(start, fields);
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == delimiter) {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
    }
}
