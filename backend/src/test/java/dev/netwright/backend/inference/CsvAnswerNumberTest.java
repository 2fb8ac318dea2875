package dev.netwright.backend.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CSV answer's numbers are written exactly as {@code String.format(Locale.ROOT, "%.6g", v)} wrote them: over
 * the edges of %g (zeros, NaN, infinities, the plain/scientific switch at 1e-4 and 1e6, rounding up into the next
 * power of ten, ties, subnormals) and a million values of every magnitude and sign.
 */
class CsvAnswerNumberTest {
    @Test
    void writesWhatPercentPointSixGWrites() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
                -Double.MAX_VALUE, 1.0, -1.0, 0.5, 1e-4, 9.99999e-5, 9.999995e-5, 9.9999949e-5, 0.00009999995,
                999999.0, 999999.5, -999999.5, 999999.49, 99999.95, 123456.5, 1.234565, 0.1234565, 1e6, 1e100,
                1e-100, 1e21, 1e22, 1e23, 2e23, 1e-320, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3));
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 1_000_000; i++) {
            values.add(switch (i % 5) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // any double, NaNs and subnormals included
                case 1 -> (double) Float.intBitsToFloat(random.nextInt()); // any float, as the model's outputs are
                case 2 -> (double) (float) random.nextDouble(); // a probability
                // a tie at the seventh significant digit, of either sign and any magnitude
                case 3 -> Double.parseDouble((random.nextBoolean() ? "-" : "") + random.nextLong(100_000, 1_000_000)
                        + "5e" + random.nextInt(-40, 40));
                default -> random.nextDouble(-1e7, 1e7);
            });
        }
        List<String> differ = new ArrayList<>();
        for (double v : values) {
            String expected = String.format(Locale.ROOT, "%.6g", v);
            if (!PredictionService.number(v).equals(expected) && differ.size() < 10) {
                differ.add(v + ": " + PredictionService.number(v) + " instead of " + expected);
            }
        }
        assertThat(differ).isEmpty();
        assertThat(PredictionService.number(-0.000123456789)).isEqualTo("-0.000123457");
        assertThat(PredictionService.number(1234567.0)).isEqualTo("1.23457e+06");
    }
}
