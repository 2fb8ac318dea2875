package dev.netwright.designer.catalog;

/**
 * A layer cannot accept its inputs, or its parameters do not fit them.
 * The message says what is wrong; the hint says how to fix it; {@code param} names the parameter at fault, if one.
 */
public final class ShapeException extends Exception {
    private final String hint;
    private final String param;

    public ShapeException(String message, String hint) {
        this(message, hint, null);
    }

    public ShapeException(String message, String hint, String param) {
        super(message, null, false, false);
        this.hint = hint;
        this.param = param;
    }

    public String hint() {
        return hint;
    }

    public String param() {
        return param;
    }
}
