package dev.netwright.engine.data.tabular;

/** What to do with an empty or NA cell in a feature column. Missing targets are always an error. */
public enum MissingValues {
    /** Refuse the file, naming file, line and column of the first missing cell. */
    REPORT,
    /** Fill numeric cells with the column mean and categorical cells with the most frequent category. */
    IMPUTE
}
