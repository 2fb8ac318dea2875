package dev.netwright.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Text and time-series files the sequence tests generate. */
public final class SequenceFixtures {
    private static final String[] GOOD = {"great", "excellent", "love", "wonderful", "perfect", "happy", "best",
            "amazing", "recommend", "superb"};
    private static final String[] BAD = {"terrible", "awful", "hate", "broken", "worst", "poor", "refund",
            "disappointing", "useless", "horrible"};
    private static final String[] FILLER = {"the", "product", "it", "was", "and", "this", "delivery", "i", "a",
            "box", "arrived", "price", "quality", "my", "after", "week", "use", "really", "very", "with"};

    private SequenceFixtures() {
    }

    /**
     * {@code id,review,label} rows: 6 to 24 words in random order, 1 to 3 of them with the label's sentiment and
     * sometimes one of the other, some punctuation, mixed case, commas inside quoted texts.
     */
    public static Path reviews(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("id,review,label\n");
        for (int i = 0; i < rows; i++) {
            boolean positive = random.nextBoolean();
            String[] own = positive ? GOOD : BAD;
            String[] other = positive ? BAD : GOOD;
            int n = 6 + random.nextInt(19);
            java.util.List<String> words = new java.util.ArrayList<>();
            int signals = 1 + random.nextInt(3);
            for (int w = 0; w < n; w++) {
                String word;
                if (w < signals) {
                    word = own[random.nextInt(own.length)];
                } else if (w == signals && random.nextInt(5) == 0) {
                    word = other[random.nextInt(other.length)];
                } else {
                    word = FILLER[random.nextInt(FILLER.length)];
                }
                words.add(random.nextInt(6) == 0 ? word.toUpperCase(Locale.ROOT) : word);
            }
            java.util.Collections.shuffle(words, random);
            StringBuilder text = new StringBuilder(String.join(" ", words));
            String t = text.toString().strip() + (random.nextBoolean() ? "!" : ", really.");
            csv.append(i).append(",\"").append(t).append("\",").append(positive ? "positive" : "negative").append('\n');
        }
        Files.writeString(file, csv);
        return file;
    }

    /** {@code step,sales,temperature}: trend + a season of {@code season} steps + noise; temperature follows it. */
    public static Path series(Path file, int steps, int season, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("step,sales,temperature\n");
        for (int t = 0; t < steps; t++) {
            double phase = 2 * Math.PI * t / season;
            double sales = 100 + 0.05 * t + 20 * Math.sin(phase) + 6 * Math.sin(3 * phase) + random.nextGaussian() * 2;
            double temperature = 15 + 8 * Math.sin(phase - 0.5) + random.nextGaussian();
            csv.append(t).append(',').append(String.format(Locale.ROOT, "%.3f,%.2f", sales, temperature)).append('\n');
        }
        Files.writeString(file, csv);
        return file;
    }
}
