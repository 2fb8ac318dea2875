package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.data.text.TextSettings;
import dev.netwright.engine.data.images.ImageZipOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run's data comes from: a built-in dataset, a CSV/TSV table (numbers and categories, free text, or a time
 * series), or a ZIP of images in class folders.
 */
public sealed interface DatasetSpec {

    /** What the user sees. */
    String label();

    /** A built-in dataset by id; {@code limit} keeps only the first N training samples (0: all). */
    record Builtin(String id, int limit) implements DatasetSpec {
        public Builtin {
            Objects.requireNonNull(id, "id");
            if (limit < 0) {
                // a negative limit used to mean "all" without a word: refused as the REST API refuses it
                throw new IllegalArgumentException("the sample limit must be 0 (all) or more, got " + limit);
            }
        }

        @Override
        public String label() {
            return id;
        }
    }

    /** A CSV or TSV file; {@code targetColumn} is what the network predicts. */
    record Table(Path file, String targetColumn, ArrayDataset.Task task, boolean imputeMissing) implements DatasetSpec {
        @Override
        public String label() {
            return file.getFileName().toString();
        }
    }

    /**
     * A CSV or TSV file with a free-text column, tokenised for a design whose Input feeds an Embedding (a {@link Table}
     * with such a column is read as text too, when the design takes tokens).
     */
    record Text(Path file, String targetColumn, ArrayDataset.Task task, TextSettings text) implements DatasetSpec {
        public Text {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(targetColumn, "targetColumn");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String label() {
            return file.getFileName().toString();
        }
    }

    /** A CSV or TSV file with one row per time step, oldest first, cut into windows for forecasting. */
    record Series(Path file, SeriesSettings series) implements DatasetSpec {
        public Series {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(series, "series");
        }

        @Override
        public String label() {
            return file.getFileName().toString();
        }
    }

    /** A ZIP archive with one folder of PNG/JPEG images per class, resized to the design's input. */
    record ImageZip(Path file, ImageZipOptions.ColorMode color) implements DatasetSpec {
        @Override
        public String label() {
            return file.getFileName().toString();
        }
    }

    /**
     * Reads the command line's {@code --dataset NAME|PATH}: an existing {@code .csv}/{@code .tsv}/{@code .zip} file
     * is user data, anything else a built-in id.
     */
    public static DatasetSpec parse(String value, Optional<String> targetColumn, Optional<ArrayDataset.Task> task, int limit,
                             boolean imputeMissing) {
        return parse(value, targetColumn, task, limit, imputeMissing, Optional.empty(), Optional.empty());
    }

    /**
     * Like {@link #parse(String, Optional, Optional, int, boolean)}, for a table read as text ({@code text}) or as a
     * time series ({@code series}, which needs no target: the series is its own).
     */
    public static DatasetSpec parse(String value, Optional<String> targetColumn, Optional<ArrayDataset.Task> task, int limit,
                                    boolean imputeMissing, Optional<TextSettings> text, Optional<SeriesSettings> series) {
        String lower = value.toLowerCase(Locale.ROOT);
        Path path = Path.of(value);
        boolean table = lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt");
        if ((text.isPresent() || series.isPresent()) && !table) {
            throw new IllegalArgumentException((text.isPresent() ? "--text" : "--series") + " needs a .csv or .tsv "
                    + "file, not " + value);
        }
        if (text.isPresent() && series.isPresent()) {
            throw new IllegalArgumentException("give --text (classify texts) or --series (forecast), not both");
        }
        if (series.isPresent()) {
            return new Series(path, series.get());
        }
        if (text.isPresent()) {
            String target = targetColumn.orElseThrow(() -> new IllegalArgumentException(
                    "--target is required with --text: name the column holding each text's label in " + value));
            return new Text(path, target, task.orElse(ArrayDataset.Task.CLASSIFICATION), text.get());
        }
        if (table) {
            String target = targetColumn.orElseThrow(() -> new IllegalArgumentException(
                    "--target is required for a table: name the column to predict in " + value));
            return new Table(path, target, task.orElse(ArrayDataset.Task.CLASSIFICATION), imputeMissing);
        }
        if (lower.endsWith(".zip")) {
            return new ImageZip(path, ImageZipOptions.ColorMode.GREY);
        }
        return new Builtin(value, limit);
    }
}
