package dev.netwright.designer.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One typed, documented parameter of a layer kind.
 *
 * @param name         the name in the design format
 * @param type         value type
 * @param defaultValue value used when the parameter is absent; {@code null} marks a required parameter unless
 *                     {@code optional} is set
 * @param optional     absent means "derived" (e.g. a pool's stride defaults to its pool size)
 * @param min          smallest allowed number (integers, floats, list elements); null for none
 * @param max          largest allowed number; null for none
 * @param maxExclusive whether {@code max} itself is excluded (e.g. a dropout rate below 1)
 * @param choices      allowed strings for {@link ParamType#CHOICE}
 * @param description  one line shown in the UI and documentation
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, boolean optional, Double min, Double max,
                        boolean maxExclusive, List<String> choices, String description) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static ParamSpec integer(String name, Integer defaultValue, int min, int max, String description) {
        return new ParamSpec(name, ParamType.INT, defaultValue, false, (double) min, (double) max, false, null,
                description);
    }

    public static ParamSpec real(String name, double defaultValue, double min, double max, boolean maxExclusive,
                                 String description) {
        return new ParamSpec(name, ParamType.FLOAT, defaultValue, false, min, max, maxExclusive, null, description);
    }

    public static ParamSpec bool(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, ParamType.BOOL, defaultValue, false, null, null, false, null, description);
    }

    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, false, null, null, false, choices, description);
    }

    /** A list of integers; required when {@code defaultValue} is null. */
    public static ParamSpec intList(String name, List<Integer> defaultValue, int min, String description) {
        return new ParamSpec(name, ParamType.INT_LIST, defaultValue, false, (double) min, null, false, null,
                description);
    }

    public static ParamSpec perAxis(String name, Integer defaultValue, int min, String description) {
        return new ParamSpec(name, ParamType.INT_PER_AXIS, defaultValue, false, (double) min, null, false, null,
                description);
    }

    /** A per-axis integer that may be left out, its value then derived by the layer. */
    public static ParamSpec optionalPerAxis(String name, int min, String description) {
        return new ParamSpec(name, ParamType.INT_PER_AXIS, null, true, (double) min, null, false, null, description);
    }

    public boolean required() {
        return defaultValue == null && !optional;
    }

    /**
     * Checks a raw JSON value and returns it in canonical form: Integer, Double, Boolean, String or an
     * unmodifiable {@code List<Integer>}.
     *
     * @throws IllegalArgumentException with a message saying what is allowed and what was given
     */
    public Object check(Object raw) {
        return switch (type) {
            case INT -> checkInt(raw, expectation());
            case FLOAT -> checkFloat(raw);
            case BOOL -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                throw wrong(raw);
            }
            case CHOICE -> {
                if (raw instanceof String s && choices.contains(s)) {
                    yield s;
                }
                throw wrong(raw);
            }
            case INT_LIST -> checkList(raw);
            case INT_PER_AXIS -> raw instanceof List<?> ? checkList(raw) : checkInt(raw, expectation());
        };
    }

    /** What a valid value looks like, in words. */
    public String expectation() {
        return switch (type) {
            case INT -> "an integer" + range();
            case FLOAT -> "a number" + range();
            case BOOL -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case INT_LIST -> "a non-empty list of integers" + elementRange();
            case INT_PER_AXIS -> "an integer or a list of integers (one per axis)" + elementRange();
        };
    }

    private String range() {
        if (min != null && max != null) {
            return " from " + fmt(min) + (maxExclusive ? " to below " : " to ") + fmt(max);
        }
        if (min != null) {
            return " >= " + fmt(min);
        }
        return max != null ? (maxExclusive ? " < " : " <= ") + fmt(max) : "";
    }

    private String elementRange() {
        return min == null ? "" : ", each >= " + fmt(min);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private Integer checkInt(Object raw, String expected) {
        if (!(raw instanceof Integer || raw instanceof Long)) {
            throw new IllegalArgumentException("must be " + expected + ", got " + describe(raw));
        }
        long v = ((Number) raw).longValue();
        if ((min != null && v < min) || (max != null && (maxExclusive ? v >= max : v > max)) || v != (int) v) {
            throw new IllegalArgumentException("must be " + expected + ", got " + v);
        }
        return (int) v;
    }

    private Double checkFloat(Object raw) {
        if (!(raw instanceof Number n)) {
            throw wrong(raw);
        }
        double v = n.doubleValue();
        if (Double.isNaN(v) || (min != null && v < min) || (max != null && (maxExclusive ? v >= max : v > max))) {
            throw new IllegalArgumentException("must be " + expectation() + ", got " + n);
        }
        return v;
    }

    private List<Integer> checkList(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw wrong(raw);
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (Object e : list) {
            if (!(e instanceof Integer || e instanceof Long) || (min != null && ((Number) e).longValue() < min)
                    || ((Number) e).longValue() != ((Number) e).intValue()) {
                throw new IllegalArgumentException("must be " + expectation() + ", got " + describe(raw));
            }
            out.add(((Number) e).intValue());
        }
        return List.copyOf(out);
    }

    private IllegalArgumentException wrong(Object raw) {
        return new IllegalArgumentException("must be " + expectation() + ", got " + describe(raw));
    }

    static String describe(Object raw) {
        if (raw == null) {
            return "null";
        }
        if (raw instanceof String s) {
            return "\"" + s + "\"";
        }
        return raw.toString();
    }
}
