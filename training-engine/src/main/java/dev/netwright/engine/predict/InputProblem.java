package dev.netwright.engine.predict;

/**
 * An input the model cannot take: {@code path} says where (a JSON path such as {@code $.inputs[2][0][5]}, or
 * {@code row 7, column 'age'} for CSV uploads) and the message why. Callers turn it into a 400 answer.
 */
public final class InputProblem extends RuntimeException {
    private final String path;
    private final String reason;

    public InputProblem(String path, String reason) {
        super(path + ": " + reason, null, false, false);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
