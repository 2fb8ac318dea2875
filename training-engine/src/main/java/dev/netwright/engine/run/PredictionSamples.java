package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.render.SampleImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * A few test samples with their true and predicted labels, written into the saved model
 * ({@code predictions/predictions.json}, plus {@code predictions/sample-NN.png} for image samples), so users see what
 * the model gets right and what it gets wrong. Mistakes are picked first (up to half), then correct ones.
 */
final class PredictionSamples {
    /** Directory inside the saved model. */
    public static final String DIR = "predictions";
    /** The index file. */
    public static final String INDEX = "predictions.json";
    private static final int SHOWN = 16;
    private static final int SCANNED = 512;

    /** One shown sample; {@code image} is the PNG's file name in {@link #DIR}, or null for non-image samples. */
    public record Sample(int index, String label, String predicted, double confidence, boolean correct,
                         String image) {
    }

    private PredictionSamples() {
    }

    /**
     * Predicts the first test samples with the saved model and writes the chosen ones. {@code test} is the prepared
     * (normalised) test split; nothing is written for regression or an empty split.
     */
    static List<Sample> write(Path modelDir, TrainedModel model, ArrayDataset test) throws IOException {
        if (test.task() != ArrayDataset.Task.CLASSIFICATION || test.size() == 0) {
            return List.of();
        }
        int n = Math.min(SCANNED, test.size());
        int width = test.sampleSize();
        float[] rows = java.util.Arrays.copyOf(test.features(), n * width);
        float[] out = model.predictNormalised(rows, n);
        int classes = out.length / n;
        List<Integer> wrong = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        for (int i = 0; i < n; i++) {
            if (classes == 1) {
                // one sigmoid output: class 1 when above one half
                predicted[i] = out[i] > 0.5f ? 1 : 0;
                confidence[i] = predicted[i] == 1 ? out[i] : 1 - out[i];
            } else {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (out[i * classes + c] > out[i * classes + best]) {
                        best = c;
                    }
                }
                predicted[i] = best;
                confidence[i] = out[i * classes + best];
            }
            (predicted[i] == test.label(i) ? right : wrong).add(i);
        }
        List<Integer> chosen = new ArrayList<>(wrong.subList(0, Math.min(wrong.size(), SHOWN / 2)));
        for (int i = 0; chosen.size() < Math.min(SHOWN, n) && i < right.size(); i++) {
            chosen.add(right.get(i));
        }
        for (int i = 0; chosen.size() < Math.min(SHOWN, n) && i < wrong.size(); i++) {
            if (!chosen.contains(wrong.get(i))) {
                chosen.add(wrong.get(i));
            }
        }
        chosen.sort(Integer::compare);

        Path dir = modelDir.resolve(DIR);
        Files.createDirectories(dir);
        long[] shape = test.sampleShape();
        boolean images = shape.length == 3 && (shape[0] == 1 || shape[0] == 3);
        List<String> names = test.classNames();
        List<Sample> samples = new ArrayList<>();
        for (int k = 0; k < chosen.size(); k++) {
            int i = chosen.get(k);
            String image = null;
            if (images) {
                image = String.format(Locale.ROOT, "sample-%02d.png", k);
                float[] pixels = test.sample(i);
                float low = Float.MAX_VALUE;
                float high = -Float.MAX_VALUE;
                for (float v : pixels) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
                // normalised pixels: stretch each picture's own range to black..white
                Files.write(dir.resolve(image), SampleImages.imageGrid(pixels, 1, (int) shape[0], (int) shape[1],
                        (int) shape[2], low, high > low ? high : low + 1, 1, 3));
            }
            samples.add(new Sample(i, name(names, test.label(i)), name(names, predicted[i]), confidence[i],
                    predicted[i] == test.label(i), image));
        }
        Files.writeString(dir.resolve(INDEX), JsonMapper.shared().writerWithDefaultPrettyPrinter()
                .writeValueAsString(java.util.Map.of("samples", samples, "scanned", n, "wrongOfScanned",
                        wrong.size())));
        return samples;
    }

    private static String name(List<String> names, int label) {
        return label >= 0 && label < names.size() ? names.get(label) : String.valueOf(label);
    }
}
