package dev.netwright.frontend.learn;

import java.util.ArrayList;
import java.util.List;

/** Numbers a learner types: separated by commas, spaces or semicolons; errors say which field and which entry. */
public final class TypedNumbers {
    private TypedNumbers() {
    }

    /**
     * @param what names the field in error messages, e.g. "weights of 'n', neuron 2"
     * @throws IllegalArgumentException naming the field, the position and the text that is not a number
     */
    public static double[] parse(String what, String text) {
        List<Double> values = new ArrayList<>();
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return new double[0];
        }
        String[] parts = trimmed.split("[,;\\s]+");
        for (int i = 0; i < parts.length; i++) {
            try {
                double v = Double.parseDouble(parts[i].replace('−', '-'));
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": value " + (i + 1) + " '" + parts[i] + "' is not a number");
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Like {@link #parse} but the count must be exactly {@code expected}. */
    public static double[] parse(String what, String text, int expected) {
        double[] v = parse(what, text);
        if (v.length != expected) {
            throw new IllegalArgumentException(what + ": needs " + expected + (expected == 1 ? " number" : " numbers")
                    + ", got " + v.length);
        }
        return v;
    }

    /** Numbers as a learner would type them back (no float noise: 0.1 stays 0.1). */
    public static String format(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v));
        }
        return s.toString();
    }
}
