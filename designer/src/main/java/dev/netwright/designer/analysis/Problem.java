package dev.netwright.designer.analysis;

/**
 * One thing wrong with a design.
 *
 * @param severity whether the design can still be trained
 * @param code     stable machine-readable kind of problem (e.g. {@code CYCLE}, {@code SHAPE})
 * @param nodeId   the node it concerns, or null for the whole design
 * @param param    the parameter it concerns, or null
 * @param message  what is wrong, in words
 * @param hint     how to fix it
 */
public record Problem(Severity severity, String code, String nodeId, String param, String message, String hint) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String code, String nodeId, String param, String message, String hint) {
        return new Problem(Severity.ERROR, code, nodeId, param, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line for logs and the command line, e.g. {@code node 'd1', parameter 'units': ... (fix: ...)}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (nodeId != null) {
            s.append("node '").append(nodeId).append('\'');
            if (param != null) {
                s.append(", parameter '").append(param).append('\'');
            }
            s.append(": ");
        }
        s.append(message);
        if (hint != null && !hint.isBlank()) {
            s.append(" (fix: ").append(hint).append(')');
        }
        return s.toString();
    }
}
