package dev.netwright.engine.cli;

import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.render.SampleImages;
import dev.netwright.engine.run.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netwright predict MODEL_DIR --input FILE}: predictions for each row of a CSV of raw feature values (one
 * sample per line, values in the Input's row-major order; a non-numeric first line is taken as a header), or
 * {@code --generate N} samples from a GAN generator. A text model takes raw text (one per line, or the text column of
 * a CSV); a forecaster takes a CSV with its series columns (the last window of rows) or one window per line.
 */
@Command(name = "predict", description = "Predict with a saved model, or generate samples from a GAN.")
final class PredictCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL_DIR", description = "a folder written by train")
    private Path modelDir;

    @Option(names = "--input", paramLabel = "FILE.csv", description = "one sample per line")
    private Path input;

    @Option(names = "--image-shape", paramLabel = "C,H,W", split = ",", description = "for a model trained with"
            + " ImageNet preprocessing: each line is an image of this shape (values 0 to 1), resized to the model's"
            + " Input as in training (default: the Input's shape, or a square image of 1 or 3 channels)")
    private long[] imageShape;

    @Option(names = "--generate", defaultValue = "0", description = "GAN: number of samples to generate")
    private int generate;

    @Option(names = "--png", paramLabel = "FILE.png", description = "GAN: also write the samples as an image grid")
    private Path png;

    @Option(names = "--seed", defaultValue = "1", description = "GAN: noise seed")
    private long seed;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            long width = 1;
            for (long d : model.manifest().inputShape()) {
                width *= d;
            }
            if (model.manifest().isGan()) {
                return generate(model, (int) width, out);
            }
            if (input == null) {
                spec.commandLine().getErr().println("error: give --input FILE.csv with one sample per line");
                return 2;
            }
            int count;
            float[] outputs;
            if (model.manifest().text() != null) {
                List<String> texts = RawInputs.texts(input, model.manifest().text().column());
                count = texts.size();
                outputs = model.predictTexts(texts);
            } else if (model.manifest().imagePreprocessing() != ImagePreprocessing.NONE) {
                List<float[]> rows = readRows(input, -1);
                int w = rows.isEmpty() ? (int) width : rows.get(0).length;
                long[] shape = imageShape != null ? imageShape
                        : w == width ? model.manifest().inputShape() : squareImage(w);
                float[] flat = new float[rows.size() * w];
                for (int i = 0; i < rows.size(); i++) {
                    System.arraycopy(rows.get(i), 0, flat, i * w, w);
                }
                count = rows.size();
                outputs = model.predictImages(flat, shape, count);
            } else {
                List<float[]> rows = model.manifest().series() != null
                        ? RawInputs.windows(input, model.manifest().series(), (int) width)
                        : readRows(input, (int) width);
                float[] flat = new float[rows.size() * (int) width];
                for (int i = 0; i < rows.size(); i++) {
                    System.arraycopy(rows.get(i), 0, flat, i * (int) width, (int) width);
                }
                count = rows.size();
                outputs = model.predict(flat, count);
            }
            int k = outputs.length / Math.max(count, 1);
            List<String> classes = model.manifest().classNames();
            for (int i = 0; i < count; i++) {
                if (!classes.isEmpty()) {
                    int best = 0;
                    for (int j = 1; j < k; j++) {
                        best = outputs[i * k + j] > outputs[i * k + best] ? j : best;
                    }
                    StringBuilder line = new StringBuilder(classes.get(k == 1 ? (outputs[i] >= 0.5f ? 1 : 0) : best));
                    for (int j = 0; j < k; j++) {
                        line.append(String.format(Locale.ROOT, ",%.6f", outputs[i * k + j]));
                    }
                    out.println(line);
                } else {
                    StringBuilder line = new StringBuilder();
                    for (int j = 0; j < k; j++) {
                        line.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", outputs[i * k + j]));
                    }
                    out.println(line);
                }
            }
            out.flush();
            return 0;
        }
    }

    private int generate(TrainedModel model, int latent, PrintWriter out) throws IOException {
        int n = Math.max(generate, 1);
        Random random = new Random(seed);
        float[] noise = new float[n * latent];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        float[] samples = model.predict(noise, n);
        long[] shape = model.manifest().outputShape();
        if (png != null) {
            byte[] image = shape.length == 3
                    ? SampleImages.imageGrid(samples, n, (int) shape[0], (int) shape[1], (int) shape[2], -1f, 1f,
                    (int) Math.ceil(Math.sqrt(n)), 3)
                    : SampleImages.scatter(new float[0], samples, 400);
            Files.write(png, image);
            out.println("wrote " + png);
        } else {
            int w = samples.length / n;
            for (int i = 0; i < n; i++) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < w; j++) {
                    line.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f", samples[i * w + j]));
                }
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }

    /** The square image of 1 or 3 channels with {@code values} values (never both: 3 s² is no square). */
    private static long[] squareImage(int values) {
        for (int channels : new int[] {1, 3}) {
            long side = Math.round(Math.sqrt(values / (double) channels));
            if (values % channels == 0 && side * side * channels == values) {
                return new long[] {channels, side, side};
            }
        }
        throw new IllegalArgumentException(values + " values per line are no square image of 1 or 3 channels:"
                + " give --image-shape C,H,W");
    }

    /** Rows of {@code width} numbers each; {@code width} -1: any, the same on every line. */
    static List<float[]> readRows(Path file, int width) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[,;\\t ]+");
            float[] row = new float[parts.length];
            try {
                for (int i = 0; i < parts.length; i++) {
                    row[i] = Float.parseFloat(parts[i]);
                }
            } catch (NumberFormatException e) {
                if (n == 0) {
                    continue; // a header line
                }
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": not a number: " + e.getMessage());
            }
            if (width < 0 && !rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": " + row.length
                        + " values, but the lines above have " + rows.get(0).length);
            }
            if (width >= 0 && row.length != width) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": " + row.length
                        + " values, but the model takes " + width + " per sample");
            }
            rows.add(row);
        }
        return rows;
    }
}
