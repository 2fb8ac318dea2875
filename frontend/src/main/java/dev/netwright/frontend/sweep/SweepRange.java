package dev.netwright.frontend.sweep;

import dev.netwright.engine.search.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The range one hyperparameter of a sweep may take, as the user typed it: a kind and its values (every value of a
 * categorical, low and high of the others). Parsed and checked by the same rules wherever a range is typed (the
 * launch dialog's rows, the designer's property panel), and turned into the engine's range JSON.
 *
 * @param kind   categorical, integer, uniform or log-uniform
 * @param values numbers (whole ones as Integer) or strings; two numbers, low first, for a range kind
 */
public record SweepRange(Kind kind, List<Object> values) {

    /** Range kinds as the user reads them, and their names in the sweep format. */
    public enum Kind {
        CATEGORICAL("categorical", "choice"),
        INTEGER("integer", "int"),
        UNIFORM("uniform", "uniform"),
        LOG_UNIFORM("log-uniform", "logUniform");

        private final String label;
        private final String format;

        Kind(String label, String format) {
            this.label = label;
            this.format = format;
        }

        /** What the user reads in a range kind select. */
        public String label() {
            return label;
        }

        /** The key of this kind in the sweep JSON ({@code choice}, {@code int}, ...). */
        public String format() {
            return format;
        }

        public static Kind ofLabel(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown range kind '" + label + "'");
        }
    }

    public SweepRange {
        values = List.copyOf(values);
    }

    /**
     * Reads the typed values of {@code name} ({@code 16, 32, 64} for a categorical, {@code 0.0001, 0.1} for a range)
     * and checks them as the engine will: a range needs two numbers with low below high (whole numbers for an integer
     * range, a positive low for log-uniform). Throws IllegalArgumentException naming the hyperparameter.
     */
    public static SweepRange parse(String name, Kind kind, String text) {
        String what = "'" + name + "'";
        if (kind == null) {
            throw new IllegalArgumentException(what + ": pick a kind of range");
        }
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(what + ": enter values");
        }
        List<Object> parsed = new ArrayList<>();
        for (String part : t.split("\\s*,\\s*")) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException(what + ": an empty value between commas");
            }
            parsed.add(value(part));
        }
        if (kind != Kind.CATEGORICAL) {
            if (parsed.size() != 2 || !(parsed.get(0) instanceof Number) || !(parsed.get(1) instanceof Number)) {
                throw new IllegalArgumentException(what + (kind == Kind.INTEGER ? ": an " : ": a ") + kind.label()
                        + " range needs two numbers, "
                        + "low and high (e.g. 0.0001, 0.1)");
            }
            if (kind == Kind.INTEGER && parsed.stream().anyMatch(v -> !(v instanceof Integer))) {
                throw new IllegalArgumentException(what + ": an integer range needs whole numbers");
            }
        }
        SweepRange range = new SweepRange(kind, parsed);
        try {
            range.domain();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
        return range;
    }

    /** The engine's form of this range; its constructors hold the rules (low below high, positive log bounds). */
    public Domain domain() {
        return switch (kind) {
            case CATEGORICAL -> new Domain.Categorical(values);
            case INTEGER -> new Domain.IntRange(((Number) values.get(0)).intValue(),
                    ((Number) values.get(1)).intValue(), false);
            case UNIFORM, LOG_UNIFORM -> new Domain.RealRange(((Number) values.get(0)).doubleValue(),
                    ((Number) values.get(1)).doubleValue(), kind == Kind.LOG_UNIFORM);
        };
    }

    /** The sweep JSON of this range, e.g. {@code {"choice": [64, 128]}}. */
    public Map<String, Object> json() {
        return Map.of(kind.format(), values);
    }

    /** The values as they are typed into a range's text field. */
    public String text() {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** A short mark for a layer with this range, e.g. {@code 64|128|256} or {@code 0.1..0.5 log}. */
    public String label() {
        return switch (kind) {
            case CATEGORICAL -> values.stream().map(String::valueOf).collect(Collectors.joining("|"));
            case INTEGER, UNIFORM -> values.get(0) + ".." + values.get(1);
            case LOG_UNIFORM -> values.get(0) + ".." + values.get(1) + " log";
        };
    }

    /** Numbers stay numbers (whole ones integers), anything else is a string (e.g. an optimizer name). */
    private static Object value(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e2) {
                return text;
            }
        }
    }
}
