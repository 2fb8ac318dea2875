package dev.netwright.engine.predict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A prediction body of plain number samples, {@code {"input": sample}} or {@code {"inputs": [sample, ...]}} with
 * every sample a (nested, rectangular) array of numbers, read straight from the body's UTF-8 bytes: no JSON tree of
 * one node per number is built and walked, and no parser's tokens are made for each number. Anything else (named
 * columns, text, another field, escapes in a field's name, a ragged array, another encoding, invalid JSON) is not
 * read here; the caller then reads the body's tree as before, which also names what is wrong and where. So this
 * reading only has to be exact where it accepts: the grammar is JSON's (RFC 8259), and each number is the double the
 * tree's {@code asDouble} gives.
 *
 * @param batch   whether the body gave {@code inputs} (a list) rather than one {@code input}
 * @param samples the samples in order
 */
public record NumberSamples(boolean batch, List<Sample> samples) {
    /** Deepest nesting read; deeper arrays are left to the tree (which says how deep the model's input is). */
    private static final int MAX_DEPTH = 8;
    /**
     * Longest number read here; longer ones (no client writes them) are left to the tree, whose parser applies its
     * own limit on number length.
     */
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final byte[] INPUT = "\"input\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INPUTS = "\"inputs\"".getBytes(StandardCharsets.US_ASCII);
    /** Powers of ten that are exact doubles: {@code m * 10^e} and {@code m / 10^e} then round once, correctly. */
    private static final double[] EXACT_POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};

    /**
     * One sample.
     *
     * @param sizes  the sizes of its nested arrays, outermost first (every array at one depth has the same size)
     * @param values its numbers in order, as JSON gives them (the tree's {@code asDouble})
     */
    public record Sample(int[] sizes, double[] values) {
    }

    /** Reads {@code json} when it is plain number samples, at most {@code maxSamples} of them; empty otherwise. */
    public static Optional<NumberSamples> read(byte[] json, int maxSamples) {
        return new Reader(json).body(maxSamples);
    }

    /** A cursor over the body's bytes; every method answers null or false where the body is not what it reads. */
    private static final class Reader {
        private final byte[] json;
        private int at;
        /**
         * The numbers of the sample being read, kept for the next one (a batch's samples are alike): each sample then
         * costs one array of its own size, not a chain of doubled ones (a request's largest allocation otherwise).
         */
        private double[] scratch;

        Reader(byte[] json) {
            this.json = json;
        }

        Optional<NumberSamples> body(int maxSamples) {
            if (!skipThen('{')) {
                return Optional.empty();
            }
            skipSpace();
            boolean batch = startsWith(INPUTS);
            if (!batch && !startsWith(INPUT)) {
                return Optional.empty(); // another field, or an escape in the name: for the tree
            }
            at += batch ? INPUTS.length : INPUT.length;
            if (!skipThen(':')) {
                return Optional.empty();
            }
            List<Sample> samples = new ArrayList<>();
            if (batch) {
                if (!skipThen('[')) {
                    return Optional.empty();
                }
                skipSpace();
                if (peek() != ']') {
                    do {
                        skipSpace();
                        Sample s = samples.size() < maxSamples ? sample() : null;
                        if (s == null) {
                            return Optional.empty(); // more than allowed: the tree's reading refuses them by name
                        }
                        samples.add(s);
                    } while (skipThen(','));
                }
                if (!skipThen(']')) {
                    return Optional.empty();
                }
            } else {
                skipSpace();
                Sample s = sample();
                if (s == null) {
                    return Optional.empty();
                }
                samples.add(s);
            }
            // nothing else in the body: another field (even a repeated one) is for the tree to judge
            if (samples.isEmpty() || !skipThen('}')) {
                return Optional.empty();
            }
            skipSpace();
            return at == json.length ? Optional.of(new NumberSamples(batch, List.copyOf(samples))) : Optional.empty();
        }

        /** The array at the cursor, or null when it is not a rectangular array of numbers. */
        private Sample sample() {
            if (peek() != '[') {
                return null;
            }
            int[] sizes = new int[MAX_DEPTH];
            int[] counts = new int[MAX_DEPTH];
            Arrays.fill(sizes, -1);
            int depth = 0;
            int numbersAt = -1;
            if (scratch == null) {
                // every number takes at least two bytes with its separator: no more than this many remain
                scratch = new double[Math.max(16, Math.min(1024, (json.length - at) / 2))];
            }
            double[] values = scratch;
            int n = 0;
            at++;
            boolean expectValue = true; // after '[' or ','; an array may also end right after its '['
            while (true) {
                skipSpace();
                int b = peek();
                if (b == ']') {
                    // "[]" is empty, "[1,]" is not JSON; both are the tree's to refuse
                    if (counts[depth] == 0 || expectValue
                            || (sizes[depth] >= 0 && sizes[depth] != counts[depth])) {
                        return null; // empty, trailing comma or ragged
                    }
                    sizes[depth] = counts[depth];
                    at++;
                    if (depth-- == 0) {
                        break;
                    }
                    expectValue = false;
                } else if (b == ',') {
                    if (expectValue) {
                        return null;
                    }
                    at++;
                    expectValue = true;
                } else if (!expectValue) {
                    return null; // two values without a comma
                } else if (b == '[') {
                    if ((numbersAt >= 0 && depth >= numbersAt) || depth + 1 >= MAX_DEPTH) {
                        return null;
                    }
                    counts[depth]++;
                    counts[++depth] = 0;
                    at++;
                } else if (b == '-' || (b >= '0' && b <= '9')) {
                    if (numbersAt < 0) {
                        numbersAt = depth;
                    } else if (numbersAt != depth) {
                        return null;
                    }
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                        scratch = values;
                    }
                    int start = at;
                    double value = number();
                    if (at == start) {
                        return null; // not a JSON number
                    }
                    values[n++] = value;
                    counts[depth]++;
                    expectValue = false;
                } else {
                    return null; // text, an object, null, true, false or not JSON
                }
            }
            return numbersAt < 0 ? null : new Sample(Arrays.copyOf(sizes, numbersAt + 1), Arrays.copyOf(values, n));
        }

        /**
         * The JSON number at the cursor, moving past it; leaves the cursor where it was when there is none. Short
         * decimals, most of what clients send, are computed exactly from their digits (one correctly rounded
         * operation); longer ones are left to {@link Double#parseDouble}, which rounds as the tree's parser does.
         */
        private double number() {
            int start = at;
            int i = at;
            boolean negative = i < json.length && json[i] == '-';
            if (negative) {
                i++;
            }
            long mantissa = 0;
            int significant = 0;
            int intDigits = 0;
            int fracDigits = 0;
            if (i < json.length && json[i] == '0') {
                i++;
                intDigits = 1;
            } else {
                while (i < json.length && json[i] >= '0' && json[i] <= '9') {
                    if (mantissa != 0 || json[i] != '0') {
                        significant++;
                    }
                    mantissa = significant <= 18 ? mantissa * 10 + (json[i] - '0') : mantissa;
                    i++;
                    intDigits++;
                }
            }
            if (intDigits == 0) {
                return 0; // no digits: not a number (the cursor stays)
            }
            int droppedIntDigits = Math.max(0, significant - 18);
            boolean integer = true;
            if (i < json.length && json[i] == '.') {
                integer = false;
                i++;
                while (i < json.length && json[i] >= '0' && json[i] <= '9') {
                    if (mantissa != 0 || json[i] != '0') {
                        significant++;
                    }
                    if (significant <= 18) {
                        mantissa = mantissa * 10 + (json[i] - '0');
                        fracDigits++;
                    }
                    i++;
                }
                if (json[i - 1] == '.') {
                    return 0; // "1." is not JSON
                }
            }
            int exponent = 0;
            if (i < json.length && (json[i] == 'e' || json[i] == 'E')) {
                integer = false;
                i++;
                boolean negativeExponent = i < json.length && json[i] == '-';
                if (i < json.length && (json[i] == '-' || json[i] == '+')) {
                    i++;
                }
                int digitsFrom = i;
                while (i < json.length && json[i] >= '0' && json[i] <= '9') {
                    exponent = i - digitsFrom < 9 ? exponent * 10 + (json[i] - '0') : exponent;
                    i++;
                }
                if (i == digitsFrom) {
                    return 0; // "1e" is not JSON
                }
                if (i - digitsFrom > 9) {
                    exponent = Integer.MAX_VALUE; // not what the fast path takes; parseDouble reads it
                } else if (negativeExponent) {
                    exponent = -exponent;
                }
            }
            if (i - start > MAX_NUMBER_LENGTH) {
                return 0; // for the tree
            }
            at = i;
            if (mantissa == 0 && significant == 0) {
                // zero: a JSON integer "-0" is the tree's integer 0, a fraction "-0.0" keeps its sign
                return negative && !integer ? -0.0 : 0.0;
            }
            int scale = exponent == Integer.MAX_VALUE ? Integer.MAX_VALUE : exponent - fracDigits + droppedIntDigits;
            if (significant <= 18 && mantissa <= (1L << 53)
                    && scale >= -22 && scale <= 22) {
                double m = negative ? -mantissa : mantissa;
                return scale >= 0 ? m * EXACT_POWERS[scale] : m / EXACT_POWERS[-scale];
            }
            return Double.parseDouble(new String(json, start, i - start, StandardCharsets.ISO_8859_1));
        }

        private int peek() {
            return at < json.length ? json[at] : -1;
        }

        private void skipSpace() {
            while (at < json.length) {
                byte b = json[at];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return;
                }
                at++;
            }
        }

        /** Skips white space, then {@code expected} if it is next; whether it was. */
        private boolean skipThen(char expected) {
            skipSpace();
            if (peek() == expected) {
                at++;
                return true;
            }
            return false;
        }

        private boolean startsWith(byte[] text) {
            return Arrays.equals(json, at, Math.min(json.length, at + text.length), text, 0, text.length);
        }
    }
}
