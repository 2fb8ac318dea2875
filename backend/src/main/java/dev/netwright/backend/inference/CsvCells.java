package dev.netwright.backend.inference;

import java.util.regex.Pattern;

/**
 * Cells of a CSV answer made safe to open in a spreadsheet: a cell starting with {@code = + - @} (or a tab or carriage
 * return) is a formula to Excel and LibreOffice, which can run commands or send data away, so it gets a leading
 * {@code '} and is shown as text. Plain numbers such as {@code -1.5} or {@code 2e-05} stay as they are.
 */
final class CsvCells {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvCells() {
    }

    static String safe(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula && !NUMBER.matcher(cell).matches() ? "'" + cell : cell;
    }
}
