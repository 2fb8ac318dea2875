package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.images.ImageZipOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Where a run's data comes from: a built-in dataset, a CSV/TSV table, or a ZIP of images in class folders. */
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
        String lower = value.toLowerCase(Locale.ROOT);
        Path path = Path.of(value);
        if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) {
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
