package dev.netwright.engine.data.series;

/** What to do with empty cells in a series: never filled silently. */
public enum MissingSteps {
    /** Fail, listing the rows. */
    REPORT,
    /** Fill each gap on the straight line between its neighbours in time (the nearest value at either end). */
    LINEAR
}
