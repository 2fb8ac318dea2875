package dev.netwright.designer.format;

/** One problem in a design file: a JSON path such as {@code $.nodes[2].params.units} and the reason. */
public record FormatError(String path, String reason) {
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
