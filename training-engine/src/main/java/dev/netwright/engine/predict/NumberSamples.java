package dev.netwright.engine.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A prediction body of plain number samples, {@code {"input": sample}} or {@code {"inputs": [sample, ...]}} with
 * every sample a (nested, rectangular) array of numbers, read straight from the JSON stream: no JSON tree of one
 * node per number is built and walked. Anything else (named columns, text, another field, a ragged array) is not
 * read here; the caller then reads the body's tree as before, which also names what is wrong and where.
 *
 * @param batch   whether the body gave {@code inputs} (a list) rather than one {@code input}
 * @param samples the samples in order
 */
public record NumberSamples(boolean batch, List<Sample> samples) {
    /** Deepest nesting read; deeper arrays are left to the tree (which says how deep the model's input is). */
    private static final int MAX_DEPTH = 8;

    /**
     * One sample.
     *
     * @param sizes  the sizes of its nested arrays, outermost first (every array at one depth has the same size)
     * @param values its numbers in order, as JSON gives them (the tree's {@code asDouble})
     */
    public record Sample(int[] sizes, double[] values) {
    }

    /**
     * Reads the body at {@code parser} (not started) when it is plain number samples, at most {@code maxSamples} of
     * them; empty otherwise, also where the JSON is not valid (the tree's reading reports that).
     */
    public static Optional<NumberSamples> read(JsonParser parser, int maxSamples) {
        try {
            return samples(parser, maxSamples);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static Optional<NumberSamples> samples(JsonParser parser, int maxSamples) {
        if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.PROPERTY_NAME) {
            return Optional.empty();
        }
        String field = parser.currentName();
        List<Sample> samples = new ArrayList<>();
        boolean batch = field.equals("inputs");
        if (batch) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return Optional.empty();
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Sample s = samples.size() < maxSamples ? sample(parser) : null;
                if (s == null) {
                    return Optional.empty();
                }
                samples.add(s);
            }
        } else if (field.equals("input")) {
            parser.nextToken();
            Sample s = sample(parser);
            if (s == null) {
                return Optional.empty();
            }
            samples.add(s);
        }
        // nothing else in the body: another field (even a repeated one) is for the tree to judge
        if (samples.isEmpty() || parser.nextToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            return Optional.empty();
        }
        return Optional.of(new NumberSamples(batch, List.copyOf(samples)));
    }

    /** The array at the parser's current token, or null when it is not a rectangular array of numbers. */
    private static Sample sample(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        int[] sizes = new int[MAX_DEPTH];
        int[] counts = new int[MAX_DEPTH];
        Arrays.fill(sizes, -1);
        int depth = 0;
        int numbersAt = -1;
        double[] values = new double[256];
        int n = 0;
        while (true) {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.START_ARRAY) {
                if ((numbersAt >= 0 && depth >= numbersAt) || depth + 1 >= MAX_DEPTH) {
                    return null;
                }
                counts[depth]++;
                counts[++depth] = 0;
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                if (numbersAt < 0) {
                    numbersAt = depth;
                } else if (numbersAt != depth) {
                    return null;
                }
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = parser.getDoubleValue();
                counts[depth]++;
            } else if (t == JsonToken.END_ARRAY) {
                if (counts[depth] == 0 || (sizes[depth] >= 0 && sizes[depth] != counts[depth])) {
                    return null; // empty, or ragged
                }
                sizes[depth] = counts[depth];
                if (depth-- == 0) {
                    break;
                }
            } else {
                return null; // text, an object, null, true or false
            }
        }
        return numbersAt < 0 ? null : new Sample(Arrays.copyOf(sizes, numbersAt + 1), Arrays.copyOf(values, n));
    }
}
