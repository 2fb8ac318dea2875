package dev.netwright.engine.data.text;

/**
 * What the user chose for a text dataset.
 *
 * @param column the column holding the free text; null lets the loader find it (the one non-numeric column with
 *               several words per row)
 * @param level  word or character tokens (null: word)
 */
public record TextSettings(String column, TokenLevel level) {
    public TextSettings {
        level = level == null ? TokenLevel.WORD : level;
        column = column == null || column.isBlank() ? null : column.strip();
    }

    /** Word tokens in the column the loader finds. */
    static TextSettings detect() {
        return new TextSettings(null, TokenLevel.WORD);
    }
}
