package dev.netwright.backend.dataset;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 record reader: quoted fields, doubled quotes inside quotes, CRLF or LF line ends, and a
 * configurable separator (comma for CSV, tab for TSV). Streams, so row counting needs no memory.
 */
public final class Csv {
    private final Reader in;
    private final char separator;
    /** Characters read ahead: one {@code Reader.read()} call per character was most of the time a file took. */
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int peeked = -2;
    private long line = 1;

    public Csv(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    public long line() {
        return line;
    }

    /** The next record, or null at the end of the input. */
    public List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("a quoted field opened before line " + line + " is never closed");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                    appendRun(field, '"', '\n', '\n');
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                }
                if (c != -1) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
                appendRun(field, separator, '\r', '\n');
            }
            c = read();
        }
    }

    /**
     * Appends the buffered characters up to (not including) the next {@code a}, {@code b} or {@code c} in one copy
     * and consumes them: the ordinary characters of a field, which the loop would otherwise take one at a time.
     * Stops at the end of the buffer; the loop reads on from there.
     */
    private void appendRun(StringBuilder field, char a, char b, char c) {
        if (peeked != -2) {
            return;
        }
        int end = position;
        while (end < limit) {
            char ch = buffer[end];
            if (ch == a || ch == b || ch == c) {
                break;
            }
            end++;
        }
        field.append(buffer, position, end - position);
        position = end;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int p = peeked;
            peeked = -2;
            return p;
        }
        if (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++];
    }

    private void unread(int c) {
        peeked = c;
    }
}
