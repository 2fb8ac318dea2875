package dev.netwright.designer.format;

import java.util.List;
import java.util.stream.Collectors;

/** A design file that cannot be read; lists every problem found, each with its JSON path. */
public final class DesignFormatException extends Exception {
    private final List<FormatError> errors;

    public DesignFormatException(List<FormatError> errors) {
        super(errors.stream().map(FormatError::toString).collect(Collectors.joining("; ")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FormatError> errors() {
        return errors;
    }
}
