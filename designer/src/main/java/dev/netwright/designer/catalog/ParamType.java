package dev.netwright.designer.catalog;

/** The value types a layer parameter can take in the design format. */
public enum ParamType {
    /** A JSON integer. */
    INT,
    /** A JSON number. */
    FLOAT,
    /** true or false. */
    BOOL,
    /** One of a fixed list of strings. */
    CHOICE,
    /** A list of integers, e.g. a shape. */
    INT_LIST,
    /** An integer applied to every spatial axis, or a list with one integer per axis (e.g. kernel sizes). */
    INT_PER_AXIS
}
