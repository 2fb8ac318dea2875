package dev.netwright.engine.data.text;

/**
 * Where a short text's padding ids go. A recurrent layer keeps its last state, which should come right after the
 * text rather than after a run of padding, so texts for recurrent designs are padded at the front; attention and
 * pooling designs read texts from position 0, so theirs are padded at the end.
 */
public enum Padding {
    FRONT,
    END
}
