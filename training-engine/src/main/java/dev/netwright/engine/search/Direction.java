package dev.netwright.engine.search;

/** Whether the objective is to be made small (loss) or large (accuracy). */
public enum Direction {
    MINIMIZE, MAXIMIZE;

    /** The value in "smaller is better" terms. */
    public double loss(double value) {
        return this == MINIMIZE ? value : -value;
    }
}
