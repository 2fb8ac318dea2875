package dev.netwright.engine.data.text;

/** What one token of a text is. */
public enum TokenLevel {
    /** Words, numbers and single punctuation marks (the default). */
    WORD,
    /** Single characters, whitespace runs kept as one space. */
    CHARACTER
}
