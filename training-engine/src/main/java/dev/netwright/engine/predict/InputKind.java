package dev.netwright.engine.predict;

/** What a model's input looks like to a person, which decides how inputs are given and how the try-it page asks. */
public enum InputKind {
    /** [channels, height, width] pictures: nested arrays, or a drawing / uploaded picture in the browser. */
    IMAGE,
    /** Rows of an uploaded table: named columns (numbers or categories), encoded as in training. */
    TABLE,
    /** Token ids fed to an Embedding: a list of integer ids, or text of ids separated by spaces or commas. */
    TOKENS,
    /** Raw text of a model trained on a text column: tokenised with the vocabulary saved with the model. */
    TEXT,
    /**
     * A forecaster's window of recent values, [window, columns] (or the window's values for one series), in the
     * series' units; the answer is the forecast, in the same units.
     */
    SERIES,
    /** [time, features] sequences of numbers. */
    SEQUENCE,
    /** A flat vector of numbers (built-in tables such as iris, generated point sets). */
    VECTOR,
    /** A GAN generator: inputs are random noise, so it generates instead of predicting. */
    LATENT
}
