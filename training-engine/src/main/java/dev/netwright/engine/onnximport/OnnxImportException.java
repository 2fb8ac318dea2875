package dev.netwright.engine.onnximport;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An ONNX file that cannot be imported: every operator type the import does not support, each with the names of the
 * graph nodes that use it (and why, where the operator is supported only in some forms), or a file-level problem.
 */
public final class OnnxImportException extends RuntimeException {
    private final transient Map<String, List<String>> unsupported;

    OnnxImportException(String message) {
        super(message);
        this.unsupported = Map.of();
    }

    OnnxImportException(Map<String, List<String>> unsupported) {
        super(describe(unsupported));
        this.unsupported = Map.copyOf(unsupported);
    }

    /** Operator type (with the unsupported form, if any) to the node names that use it; empty for file problems. */
    public Map<String, List<String>> unsupported() {
        return unsupported;
    }

    private static String describe(Map<String, List<String>> unsupported) {
        return "the ONNX graph uses " + unsupported.size() + " unsupported operator"
                + (unsupported.size() == 1 ? "" : "s") + "; nothing was imported: " + unsupported.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().size() + " node" + (e.getValue().size() == 1 ? "" : "s")
                        + ": " + String.join(", ", e.getValue().size() > 8
                        ? concat(e.getValue().subList(0, 8), "...") : e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }

    private static List<String> concat(List<String> head, String tail) {
        List<String> out = new java.util.ArrayList<>(head);
        out.add(tail);
        return out;
    }
}
