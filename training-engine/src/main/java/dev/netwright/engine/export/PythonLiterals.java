package dev.netwright.engine.export;

import java.util.List;
import java.util.stream.Collectors;

/** Design parameter values (numbers, booleans, text, lists) written as Python literals. */
final class PythonLiterals {
    private PythonLiterals() {
    }

    static String of(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Number n -> PyTorchLayers.num(n.doubleValue());
            case List<?> list -> "[" + list.stream().map(PythonLiterals::of).collect(Collectors.joining(", ")) + "]";
            default -> "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        };
    }
}
