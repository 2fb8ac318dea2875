package dev.netwright.engine.predict;

import org.junit.jupiter.api.Test;
import tools.jackson.core.io.NumberInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV prediction path ({@code SampleReader}, and {@code TableEncoding} for table models) parses cells with
 * Jackson's fast float parser instead of {@link Float#parseFloat}; both must give the same float for every text, and
 * refuse the same texts.
 */
class SampleReaderNumberTest {

    @Test
    void theFastParserReadsEveryTextAsFloatParseFloatDoes() {
        SplittableRandom random = new SplittableRandom(22);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "0.0", "1", "-1", "+1", ".5", "5.", "1e10", "1E-10",
                "3.4028235e38", "3.4028236e38", "3.5e38", "1e39", "1.4e-45", "7e-46", "1e-46", "1.17549435E-38",
                "NaN", "Infinity", "-Infinity", "0x1p3", "0x1.8p-2", "1f", "2.5d", "0.1", "0.30000001192092896",
                "16777217", "16777216.5", "33554433", "1.00000005960464477539062500000000001",
                "1.000000059604644775390625", "123456789012345678901234567890", "0.000001234567890123456789"));
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble() * 255;
                case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-40, 39));
                case 2 -> Float.intBitsToFloat(random.nextInt()) ;
                default -> random.nextGaussian();
            };
            texts.add(Double.toString(d));
            texts.add(Float.toString((float) d));
            texts.add(String.format(Locale.ROOT, "%." + random.nextInt(1, 12) + "g", d));
            texts.add(String.format(Locale.ROOT, "%." + random.nextInt(0, 10) + "f", d));
        }
        int compared = 0;
        for (String text : texts) {
            if (text.contains("NaN") || text.contains("Infinity")) {
                assertThat(Float.isNaN(Float.parseFloat(text))).isEqualTo(Float.isNaN(NumberInput.parseFloat(text,
                        true)));
            }
            float expected = Float.parseFloat(text);
            assertThat(Float.floatToIntBits(NumberInput.parseFloat(text, true)))
                    .as("'%s'", text).isEqualTo(Float.floatToIntBits(expected));
            compared++;
        }
        assertThat(compared).isEqualTo(texts.size());
    }

    @Test
    void theFastParserRefusesWhatFloatParseFloatRefuses() {
        for (String text : List.of("", "abc", "--1", "1e", "1..2", "1,5", "e5", "0x", "1 2", "+", "-", ".")) {
            assertThat(refuses(() -> Float.parseFloat(text))).as("Float.parseFloat('%s')", text).isTrue();
            assertThat(refuses(() -> NumberInput.parseFloat(text, true))).as("fast parser '%s'", text).isTrue();
        }
    }

    private static boolean refuses(Runnable parse) {
        try {
            parse.run();
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
