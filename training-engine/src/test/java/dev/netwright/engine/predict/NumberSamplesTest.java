package dev.netwright.engine.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.engine.data.prep.ImagePreprocessing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prediction bodies of plain number samples are read straight from the JSON stream ({@link NumberSamples}) instead
 * of through a JSON tree; for every body the fast reading takes, the rows must be exactly (to the bit) what the tree's
 * reading gives, and whatever it leaves must be what the tree reads differently or refuses.
 */
class NumberSamplesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long[] IMAGE = {1, 3, 4};

    private static SampleReader reader(InputKind kind, long[] shape, ImagePreprocessing images) {
        int width = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return new SampleReader(new InputSchema(kind, shape, width, List.of(), 0, List.of("a", "b"), "classification",
                new long[] {2}), Optional.empty(), Optional.empty(), images);
    }

    /** The rows the fast reading gives for {@code body}, or empty where it leaves the body to the tree. */
    private static Optional<List<float[]>> fast(SampleReader reader, String body) {
        Optional<NumberSamples> samples = NumberSamples.read(body.getBytes(StandardCharsets.UTF_8), 10_000);
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        List<float[]> rows = new ArrayList<>();
        for (NumberSamples.Sample s : samples.get().samples()) {
            Optional<float[]> row = reader.read(s);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            rows.add(row.get());
        }
        return Optional.of(rows);
    }

    /** The rows the tree's reading gives (as {@code Predictor.readBody} reads a body), or null where it refuses. */
    private static List<float[]> tree(SampleReader reader, String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            List<float[]> rows = new ArrayList<>();
            if (tree.has("inputs")) {
                JsonNode all = tree.get("inputs");
                if (!all.isArray() || all.isEmpty()) {
                    return null;
                }
                for (int i = 0; i < all.size(); i++) {
                    rows.add(reader.read(all.get(i), "$.inputs[" + i + "]"));
                }
            } else if (tree.has("input")) {
                rows.add(reader.read(tree.get("input"), "$.input"));
            } else {
                return null;
            }
            return rows;
        } catch (InputProblem | tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    /** Whether the reading without a tree took {@code body}; if it did, the tree reads it to the same bits. */
    private static boolean sameAsTree(SampleReader reader, String body, boolean mustBeFast) {
        Optional<List<float[]>> fast = fast(reader, body);
        List<float[]> tree = tree(reader, body);
        if (mustBeFast) {
            assertThat(fast).as("read without a tree: %s", body).isPresent();
        }
        if (fast.isPresent()) {
            assertThat(tree).as("the tree reads %s too", body).isNotNull();
            assertThat(fast.get()).as(body).hasSameSizeAs(tree);
            for (int i = 0; i < tree.size(); i++) {
                assertThat(bits(fast.get().get(i))).as("sample %d of %s", i, body).isEqualTo(bits(tree.get(i)));
            }
        }
        return fast.isPresent();
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    @Test
    void plainSamplesAreReadWithoutATreeToTheSameBits() {
        SplittableRandom random = new SplittableRandom(7);
        SampleReader image = reader(InputKind.IMAGE, IMAGE, ImagePreprocessing.NONE);
        SampleReader vector = reader(InputKind.VECTOR, new long[] {5}, ImagePreprocessing.NONE);
        for (int round = 0; round < 2_000; round++) {
            String a = image(random);
            String b = image(random);
            sameAsTree(image, "{\"input\": " + a + "}", true);
            sameAsTree(image, "{\"inputs\": [" + a + ", " + b + "]}", true);
            // an image as one flat list of its 12 values
            sameAsTree(image, "{\"input\": " + a.replace("[", "").replace("]", "").transform(s -> "[" + s + "]")
                    + "}", true);
            sameAsTree(vector, "{\"inputs\": [" + list(random, 5) + "]}", true);
        }
    }

    @Test
    void whatIsNotAPlainSampleOfTheModelIsLeftToTheTree() {
        SampleReader image = reader(InputKind.IMAGE, IMAGE, ImagePreprocessing.NONE);
        SampleReader resizing = reader(InputKind.IMAGE, new long[] {3, 4, 4}, ImagePreprocessing.IMAGENET);
        SampleReader tokens = reader(InputKind.TOKENS, new long[] {3}, ImagePreprocessing.NONE);
        List<String> left = List.of(
                "{\"input\": [[[1,2,3,4],[5,6,7,8],[9,10,11]]]}",         // ragged
                "{\"input\": [[[1,2,3,4],[5,6,7,8]]]}",                   // another shape
                "{\"input\": [1,2,3,4,5,6,7,8,9,10,11]}",                 // one number short
                "{\"input\": [[[1,2,3,4],[5,6,7,8],[9,10,11,\"12\"]]]}",  // text
                "{\"input\": [[[1,2,3,4],[5,6,7,8],[9,10,11,null]]]}",
                "{\"input\": [[[1,2,3,4],[5,6,7,8],[9,10,11,[12]]]]}",    // deeper at the end
                "{\"input\": [[[1,2,3,4],[5,6,7,8],[9,10,11,12]]], \"x\": 1}",  // another field
                "{\"input\": [[[1,2,3,4],[5,6,7,8],[9,10,11,12]]], \"input\": [1]}", // repeated
                "{\"inputs\": [[[1,2,3,4],[5,6,7,8],[9,10,11,12]]], \"input\": [1]}",
                "{\"inputs\": []}", "{\"inputs\": [[]]}", "{\"input\": []}", "{\"input\": {}}", "{}", "[]", "1",
                "{\"input\": [1e400,2,3,4,5,6,7,8,9,10,11,12]}",          // not finite
                "{\"input\": [1,2,3,4,5,6,7,8,9,10,11,12]} trailing",
                "{\"input\": [1,2,3,4,5,6,7,8,9,10,11,12]",                // cut off
                "{\"input\": [1,2,3,4,5,6,7,8,9,10,11,12,]}");             // not JSON
        for (String body : left) {
            assertThat(fast(image, body)).as(body).isEmpty();
        }
        // an image of another size is resized by the tree's reading
        String small = "{\"input\": [[[1,2],[3,4]],[[1,2],[3,4]],[[1,2],[3,4]]]}";
        assertThat(fast(resizing, small)).isEmpty();
        assertThat(tree(resizing, small)).hasSize(1);
        // token ids are checked against the vocabulary by the tree's reading
        assertThat(fast(tokens, "{\"input\": [1, 2, 3]}")).isEmpty();
        // more samples than allowed
        assertThat(NumberSamples.read("{\"inputs\": [[1],[2],[3]]}".getBytes(StandardCharsets.UTF_8), 2)).isEmpty();
        assertThat(NumberSamples.read("{\"inputs\": [[1],[2],[3]]}".getBytes(StandardCharsets.UTF_8), 3)).isPresent();
    }

    @Test
    void numbersAsJsonWritesThemReadAsTheTreeReadsThem() {
        SampleReader vector = reader(InputKind.VECTOR, new long[] {6}, ImagePreprocessing.NONE);
        for (String values : List.of("0, -0, 0.0, -0.0, 1e-46, 3.4028236e38",
                "123456789012345678901234567890, -9223372036854775809, 16777217, 33554433, 1E2, 2.5e-3",
                "0.30000001192092896, 1.00000005960464477539062500000000001, 1e38, 3.5e38, -1e39, 7e-46")) {
            sameAsTree(vector, "{\"input\": [" + values + "]}", true);
        }
        // 3.5e38 and -1e39 are finite doubles that are infinite floats: read as the tree reads them, not refused
        assertThat(fast(vector, "{\"input\": [0.30000001192092896, 1.00000005960464477539062500000000001, 1e38, "
                + "3.5e38, -1e39, 7e-46]}")).isPresent();
    }

    @Test
    void theBytesAreReadAsJsonReadsThem() {
        SampleReader vector = reader(InputKind.VECTOR, new long[] {3}, ImagePreprocessing.NONE);
        // white space wherever JSON allows it
        for (String body : List.of(" {\"input\":[1,2,3]} ", "\t{\r\n\"input\"\n:\t[ 1 ,2 , 3 ]\n}\n",
                "{\"inputs\" : [ [1,2,3] , [4,5,6] ] }")) {
            sameAsTree(vector, body, true);
        }
        // not JSON, or not read here: left to the tree (which refuses the invalid ones)
        for (String numbers : List.of("01,2,3", "1.,2,3", ".5,2,3", "+1,2,3", "1e,2,3", "1e+,2,3", "-,2,3",
                "--1,2,3", "1 2,3", "1,,2,3", "NaN,2,3", "Infinity,2,3", "0x1,2,3", "1,2,3,", ",1,2,3", "1,2,3]",
                "1,2,[3]", "1,2,true", "1,2,\"3\"")) {
            String body = "{\"input\": [" + numbers + "]}";
            assertThat(fast(vector, body)).as(body).isEmpty();
        }
        for (String body : List.of("{\"\\u0069nput\": [1,2,3]}", "{\"input \": [1,2,3]}", "{\"input\" [1,2,3]}",
                "{\"input\": [1,2,3]}}", "{\"input\": [1,2,3]},", "\uFEFF{\"input\": [1,2,3]}", "{input: [1,2,3]}",
                "{\"inputs\": [[1,2,3],]}", "{\"inputs\": [,[1,2,3]]}", "{\"inputs\": [[1,2,3] [1,2,3]]}",
                "{\"input\": [[[[[[[[[1]]]]]]]]]}", "{\"input\": [1,2,3]} \u0000")) {
            assertThat(fast(vector, body)).as(body).isEmpty();
        }
        // another encoding than UTF-8: for the tree, which detects it
        byte[] utf16 = "{\"input\": [1,2,3]}".getBytes(StandardCharsets.UTF_16BE);
        assertThat(NumberSamples.read(utf16, 10)).isEmpty();
    }

    @Test
    void everyNumberIsTheDoubleTheTreeReads() {
        sameDoubles("9007199254740993, 9007199254740992, 1e22, 1e23, 123456789012345678e-5, 1e-400, -1e-400, "
                + "0.12345678901234567890123, 1e400, -1e400");
        sameDoubles("-0, -0.0, -0e5, 0e-5, 0.000, 1E+2, 1e-0, 4.9e-324, 2.4703282292062328e-324, 1.7976931348623159e308");
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                values.append(i > 0 ? "," : "").append(decimal(random));
            }
            sameDoubles(values.toString());
        }
    }

    /**
     * Samples of a batch share one growing array while they are read: each still gets exactly its own numbers,
     * whether it is longer than any before it (the array grows past its first size), shorter, or nested.
     */
    @Test
    void eachSampleOfABatchHasItsOwnNumbers() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 200; round++) {
            List<String> samples = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                int length = random.nextInt(4) == 0 ? 1 + random.nextInt(3_000) : 1 + random.nextInt(20);
                String list = list(random, length);
                samples.add(random.nextBoolean() ? list : "[" + list + ", " + list + "]");
            }
            String body = "{\"inputs\": [" + String.join(", ", samples) + "]}";
            List<NumberSamples.Sample> read = NumberSamples.read(body.getBytes(StandardCharsets.UTF_8), 10)
                    .orElseThrow().samples();
            JsonNode tree = JSON.readTree(body).get("inputs");
            assertThat(read).hasSize(tree.size());
            for (int i = 0; i < read.size(); i++) {
                List<Double> expected = new ArrayList<>();
                flatten(tree.get(i), expected);
                assertThat(read.get(i).values()).as("sample %d of round %d", i, round)
                        .containsExactly(expected.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
    }

    private static void flatten(JsonNode node, List<Double> into) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, into));
        } else {
            into.add(node.asDouble());
        }
    }

    /** The numbers of {@code list} read without a tree are, to the bit, the doubles the tree's nodes give. */
    private static void sameDoubles(String list) {
        String body = "{\"input\": [" + list + "]}";
        double[] fast = NumberSamples.read(body.getBytes(StandardCharsets.UTF_8), 1).orElseThrow()
                .samples().getFirst().values();
        JsonNode tree = JSON.readTree(body).get("input");
        assertThat(fast).hasSize(tree.size());
        for (int i = 0; i < fast.length; i++) {
            assertThat(Double.doubleToRawLongBits(fast[i])).as("%s in %s", tree.get(i), list)
                    .isEqualTo(Double.doubleToRawLongBits(tree.get(i).asDouble()));
        }
    }

    /**
     * Bodies changed at random places (a character dropped, repeated or replaced by one that matters to JSON): where
     * the reading without a tree takes one, the tree must read it too, to the same bits.
     */
    @Test
    void aDamagedBodyIsReadAsTheTreeReadsItOrLeftToTheTree() {
        SplittableRandom random = new SplittableRandom(13);
        SampleReader image = reader(InputKind.IMAGE, IMAGE, ImagePreprocessing.NONE);
        String significant = "[]{},:.-+eE0123456789 \"\t\nx";
        int taken = 0;
        int rounds = 20_000;
        for (int round = 0; round < rounds; round++) {
            StringBuilder body = new StringBuilder(random.nextBoolean()
                    ? "{\"input\": " + image(random) + "}" : "{\"inputs\": [" + image(random) + "]}");
            for (int change = random.nextInt(1, 3); change > 0; change--) {
                int at = random.nextInt(body.length());
                switch (random.nextInt(3)) {
                    case 0 -> body.deleteCharAt(at);
                    case 1 -> body.insert(at, body.charAt(at));
                    default -> body.setCharAt(at, significant.charAt(random.nextInt(significant.length())));
                }
            }
            taken += sameAsTree(image, body.toString(), false) ? 1 : 0;
        }
        // many changes leave a valid body (a digit for a digit, white space): those must have been compared
        assertThat(taken).isBetween(rounds / 20, rounds - rounds / 20);
    }

    /** A JSON number of some form: digits before and after a point, an exponent, a sign, leading zeros after it. */
    private static String decimal(SplittableRandom random) {
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
        s.append(random.nextInt(4) == 0 ? "0" : random.nextInt(1, 10) + digits(random, random.nextInt(0, 22)));
        if (random.nextBoolean()) {
            s.append('.').append("0".repeat(random.nextInt(4))).append(digits(random, random.nextInt(1, 22)));
        }
        if (random.nextBoolean()) {
            s.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "")
                    .append(random.nextInt(0, random.nextBoolean() ? 30 : 330));
        }
        return s.toString();
    }

    private static String digits(SplittableRandom random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private static String image(SplittableRandom random) {
        StringBuilder s = new StringBuilder("[");
        for (int c = 0; c < IMAGE[0]; c++) {
            s.append(c > 0 ? "," : "").append("[");
            for (int y = 0; y < IMAGE[1]; y++) {
                s.append(y > 0 ? "," : "").append(list(random, (int) IMAGE[2]));
            }
            s.append("]");
        }
        return s.append("]").toString();
    }

    private static String list(SplittableRandom random, int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            double d = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(256);
                case 1 -> random.nextDouble();
                case 2 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-40, 39));
                case 3 -> Float.intBitsToFloat(random.nextInt());
                default -> random.nextGaussian();
            };
            String text = !Double.isFinite(d) ? "0" : switch (random.nextInt(4)) {
                case 0 -> Double.toString(d);
                case 1 -> Float.toString((float) d);
                case 2 -> String.format(Locale.ROOT, "%." + random.nextInt(1, 12) + "g", d);
                default -> Long.toString((long) d);
            };
            s.append(i > 0 ? ", " : "").append(text);
        }
        return s.append("]").toString();
    }
}
