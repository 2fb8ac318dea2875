package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.TrainTest;
import dev.netwright.engine.data.prep.DataSplits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * The small tables python3-sklearn ships. They come without a test split, so one is drawn with the seed
 * (stratified for classification). Formats differ per file, hence one {@link Format} per set.
 */
final class SklearnDataset implements DatasetSource {

    static final String PACKAGE = "python3-sklearn";
    static final double TEST_FRACTION = 0.2;

    /** How a file is laid out. */
    enum Format {
        /** First line {@code n,features,class names...}, then rows of features and an integer label. */
        COUNTED_HEADER,
        /** No header, 64 pixel values 0..16 and an integer label per row (digits). */
        DIGITS,
        /** Whitespace-separated features in one file, one target per line in another (diabetes). */
        SPLIT_FILES
    }

    private final String id;
    private final String description;
    private final Format format;
    private final Path dir;
    private final List<String> files;
    private final long[] shape;
    private final ArrayDataset.Task task;
    private final List<String> classes;
    private final int size;

    private SklearnDataset(String id, String description, Format format, Path dir, List<String> files, long[] shape,
                           ArrayDataset.Task task, List<String> classes, int size) {
        this.id = id;
        this.description = description;
        this.format = format;
        this.dir = dir;
        this.files = files;
        this.shape = shape;
        this.task = task;
        this.classes = classes;
        this.size = size;
    }

    static List<DatasetSource> all(Path dir) {
        var c = ArrayDataset.Task.CLASSIFICATION;
        return List.of(
                new SklearnDataset("iris", "Fisher's iris flowers: 4 measurements, 3 species", Format.COUNTED_HEADER,
                        dir, List.of("iris.csv"), new long[] {4}, c, List.of("setosa", "versicolor", "virginica"), 150),
                new SklearnDataset("wine", "Wine recognition: 13 chemical measurements, 3 cultivars",
                        Format.COUNTED_HEADER, dir, List.of("wine_data.csv"), new long[] {13}, c,
                        List.of("class_0", "class_1", "class_2"), 178),
                new SklearnDataset("breast-cancer", "Wisconsin breast cancer: 30 cell-nucleus features, 2 classes",
                        Format.COUNTED_HEADER, dir, List.of("breast_cancer.csv"), new long[] {30}, c,
                        List.of("malignant", "benign"), 569),
                new SklearnDataset("digits", "Handwritten digits: 8x8 grey images (values scaled to [0, 1]), 10 classes",
                        Format.DIGITS, dir, List.of("digits.csv.gz"), new long[] {1, 8, 8}, c,
                        IntStream.range(0, 10).mapToObj(Integer::toString).toList(), 1797),
                new SklearnDataset("diabetes", "Diabetes progression: 10 raw baseline variables, regression target",
                        Format.SPLIT_FILES, dir, List.of("diabetes_data_raw.csv.gz", "diabetes_target.csv.gz"),
                        new long[] {10}, ArrayDataset.Task.REGRESSION, List.of(), 442));
    }

    @Override
    public BuiltinDataset info() {
        int test = DataSplits.testCount(size, TEST_FRACTION);
        return new BuiltinDataset(id, description, shape, task, classes, size - test, test, Optional.of(PACKAGE));
    }

    @Override
    public boolean available() {
        return files.stream().allMatch(f -> Files.isReadable(dir.resolve(f)));
    }

    @Override
    public TrainTest load(LoadOptions options) {
        if (!available()) {
            throw new DatasetUnavailableException(id, PACKAGE, dir.toString());
        }
        ArrayDataset all = switch (format) {
            case COUNTED_HEADER -> countedHeader(dir.resolve(files.get(0)));
            case DIGITS -> digits(dir.resolve(files.get(0)));
            case SPLIT_FILES -> splitFiles(dir.resolve(files.get(0)), dir.resolve(files.get(1)));
        };
        DataSplits s = DataSplits.trainTest(all, TEST_FRACTION, options.seed(), task == ArrayDataset.Task.CLASSIFICATION);
        return new TrainTest(s.train().withName(id + "/train").head(options.cap(s.train().size())),
                s.test().withName(id + "/test").head(options.cap(s.test().size())));
    }

    private ArrayDataset countedHeader(Path file) {
        List<String> lines = lines(file);
        String[] head = lines.get(0).split(",");
        int n = intField(file, 1, head[0]);
        int width = intField(file, 1, head[1]);
        if (width != shape[0] || n != size || head.length - 2 != classes.size()) {
            throw new DatasetException(file.toString(), "line 1", "header '" + lines.get(0) + "' does not describe "
                    + size + " samples of " + shape[0] + " features in " + classes.size() + " classes");
        }
        float[][] rows = numbers(file, lines.subList(1, lines.size()), ",", width + 1, 2);
        return labelled(file, rows, width, 1f);
    }

    private ArrayDataset digits(Path file) {
        float[][] rows = numbers(file, lines(file), ",", 65, 1);
        return labelled(file, rows, 64, 1f / 16f);
    }

    private ArrayDataset labelled(Path file, float[][] rows, int width, float scale) {
        if (rows.length != size) {
            throw new DatasetException(file.toString(), null, rows.length + " data rows, expected " + size);
        }
        float[] f = new float[rows.length * width];
        float[] t = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                f[i * width + j] = rows[i][j] * scale;
            }
            float label = rows[i][width];
            if (label != Math.rint(label) || label < 0 || label >= classes.size()) {
                throw new DatasetException(file.toString(), "data row " + (i + 1), "label " + label
                        + " is not a class index 0.." + (classes.size() - 1));
            }
            t[i] = label;
        }
        return new ArrayDataset(id, shape, f, t, 1, task, classes);
    }

    private ArrayDataset splitFiles(Path dataFile, Path targetFile) {
        float[][] x = numbers(dataFile, lines(dataFile), "\\s+", (int) shape[0], 1);
        float[][] y = numbers(targetFile, lines(targetFile), "\\s+", 1, 1);
        if (x.length != size || y.length != size) {
            throw new DatasetException(dataFile.toString(), null, x.length + " rows and " + y.length + " targets in "
                    + targetFile.getFileName() + ", expected " + size + " each");
        }
        int w = (int) shape[0];
        float[] f = new float[size * w];
        float[] t = new float[size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(x[i], 0, f, i * w, w);
            t[i] = y[i][0];
        }
        return new ArrayDataset(id, shape, f, t, 1, task, classes);
    }

    private static List<String> lines(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new DatasetException(file.toString(), null, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses rows of exactly {@code width} numbers; {@code firstLine} is the file line number of lines[0]. */
    private static float[][] numbers(Path file, List<String> lines, String separator, int width, int firstLine) {
        List<float[]> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split(separator);
            String where = "line " + (i + firstLine);
            if (parts.length != width) {
                throw new DatasetException(file.toString(), where, parts.length + " values, expected " + width);
            }
            float[] row = new float[width];
            for (int j = 0; j < width; j++) {
                try {
                    row[j] = Float.parseFloat(parts[j]);
                } catch (NumberFormatException e) {
                    throw new DatasetException(file.toString(), where + ", column " + (j + 1),
                            "'" + parts[j] + "' is not a number");
                }
            }
            rows.add(row);
        }
        return rows.toArray(float[][]::new);
    }

    private static int intField(Path file, int line, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new DatasetException(file.toString(), "line " + line, "'" + text + "' is not a count");
        }
    }
}
