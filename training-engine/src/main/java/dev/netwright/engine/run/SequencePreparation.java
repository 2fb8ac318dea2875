package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.prep.DataSplits;
import dev.netwright.engine.data.series.MissingSteps;
import dev.netwright.engine.data.series.SeriesEncoding;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.data.series.SeriesTable;
import dev.netwright.engine.data.series.SeriesWindows;
import dev.netwright.engine.data.tabular.CsvTable;
import dev.netwright.engine.data.text.Padding;
import dev.netwright.engine.data.text.TextEncoding;
import dev.netwright.engine.data.text.TextSettings;
import dev.netwright.engine.data.text.TextTable;
import dev.netwright.engine.data.text.TokenLengths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text and time series, the sequence data: tokenisation fitted on the training split of a text table, and
 * chronological windows of a series with scaling fitted on its training part. Both are saved with the model so
 * prediction takes raw text or raw values.
 */
final class SequencePreparation {
    private static final double TEST_FRACTION = 0.2;

    private SequencePreparation() {
    }

    /**
     * A table becomes text when the design takes tokens and a column holds free text. A table with free text for a
     * design that takes numbers, or text for a design without an Embedding, is refused with the fix.
     */
    static DatasetSpec resolve(DatasetSpec spec, DesignInput design) {
        if (spec instanceof DatasetSpec.Table t) {
            CsvTable table = CsvTable.read(t.file(), (char) 0);
            Optional<String> column = TextTable.detectColumn(table, t.targetColumn());
            if (column.isEmpty()) {
                return spec;
            }
            if (!design.takesTokens()) {
                throw noEmbedding(t.file().getFileName().toString(), column.get(), design);
            }
            return new DatasetSpec.Text(t.file(), t.targetColumn(), t.task(),
                    new TextSettings(column.get(), dev.netwright.engine.data.text.TokenLevel.WORD));
        }
        if (spec instanceof DatasetSpec.Text t && !design.takesTokens()) {
            String column = t.text().column() != null ? t.text().column() : "text";
            throw noEmbedding(t.file().getFileName().toString(), column, design);
        }
        return spec;
    }

    private static DatasetException noEmbedding(String file, String column, DesignInput design) {
        return new DatasetException(file, "column '" + column + "'", "holds free text, but the design's Input "
                + Arrays.toString(design.shape()) + " expects numbers (it does not feed an Embedding layer). Start "
                + "from the text-classifier or lstm-text-classifier template, or put an Embedding right after an "
                + "Input of shape [tokens]");
    }

    static PreparedData text(DatasetSpec.Text spec, DesignInput design, double validationFraction, long seed,
                             boolean baseline) {
        if (design.shape().length != 1) {
            throw new IllegalArgumentException("text becomes a sequence of token ids, so the design's Input needs the "
                    + "shape [tokens], but it is " + Arrays.toString(design.shape()));
        }
        int length = (int) design.shape()[0];
        CsvTable csv = CsvTable.read(spec.file(), (char) 0);
        TextTable table = TextTable.load(csv, spec.text(), spec.targetColumn(), spec.task());
        boolean stratify = spec.task() == ArrayDataset.Task.CLASSIFICATION;
        // Split row numbers (so stratification works on the labels), then fit the vocabulary on training rows only.
        float[] rowIds = new float[table.texts().size()];
        for (int i = 0; i < rowIds.length; i++) {
            rowIds[i] = i;
        }
        ArrayDataset rows = new ArrayDataset(spec.label(), new long[] {1}, rowIds, table.targets(), 1, spec.task(),
                table.classNames());
        DataSplits outer = DataSplits.trainTest(rows, TEST_FRACTION, seed, stratify);
        ArrayDataset trainRows = outer.train();
        Optional<ArrayDataset> validationRows = Optional.empty();
        if (validationFraction > 0) {
            DataSplits inner = DataSplits.split(outer.train(), validationFraction, 0, seed + 1, stratify);
            trainRows = inner.train();
            validationRows = Optional.of(inner.validation());
        }
        TextEncoding encoding = TextEncoding.fit(table.column(), texts(table, trainRows), spec.text().level(),
                design.vocabSize(), length, design.recurrent() ? Padding.FRONT : Padding.END);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "text column '%s' (%s tokens): %s; vocabulary %,d ids (2 reserved: "
                        + "padding, unknown) fitted on the training split, Input length %d", table.column(),
                spec.text().level().name().toLowerCase(Locale.ROOT),
                TokenLengths.of(table.texts(), spec.text().level()), encoding.vocabulary().size(), length));
        if (table.emptyRows() > 0) {
            notes.add(table.emptyRows() + " rows have an empty text (all padding)");
        }
        ArrayDataset train = encode(table, trainRows, encoding, "train", notes);
        Optional<ArrayDataset> validation = validationRows.map(v -> encode(table, v, encoding, "validation", notes));
        ArrayDataset test = encode(table, outer.test(), encoding, "test", notes);
        Optional<dev.netwright.engine.data.baseline.BaselineResult> linear = baseline && test.size() > 0
                ? Optional.of(BagOfWords.baseline(encoding, train, test)) : Optional.empty();
        return new PreparedData(train, validation, test, Optional.empty(), table.classNames(), spec.task(),
                linear, Optional.empty(), Optional.of(encoding), Optional.empty(), notes);
    }

    private static List<String> texts(TextTable table, ArrayDataset rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (float id : rows.features()) {
            out.add(table.texts().get((int) id));
        }
        return out;
    }

    private static ArrayDataset encode(TextTable table, ArrayDataset rows, TextEncoding encoding, String part,
                                       List<String> notes) {
        TextEncoding.EncodedTexts e = encoding.encodeAll(texts(table, rows));
        notes.add(e.describe(part));
        return new ArrayDataset(rows.name().replace("/train", "").replace("/validation", "").replace("/test", "")
                + "/" + part, new long[] {encoding.length()}, e.ids(), rows.targets(), 1, rows.task(),
                rows.classNames());
    }

    static PreparedData series(DatasetSpec.Series spec, DesignInput design, double validationFraction,
                               double testFraction) {
        SeriesSettings settings = spec.series();
        int inputs = settings.inputColumns().size();
        long[] shape = design.shape();
        if (shape.length != 2 || shape[1] != inputs) {
            throw new IllegalArgumentException("a forecaster's Input is [window, values per step]: the series "
                    + settings.columns() + (settings.features().isEmpty() ? "" : " and features " + settings.features())
                    + " give " + inputs + " value" + (inputs == 1 ? "" : "s") + " per step, so the Input should be "
                    + "[" + (settings.window() != null ? settings.window() : "window") + ", " + inputs + "], but it is "
                    + Arrays.toString(shape));
        }
        int window = (int) shape[0];
        if (settings.window() != null && settings.window() != window) {
            throw new IllegalArgumentException("the window is " + settings.window() + " steps, but the design's Input "
                    + "takes " + window + ": set the Input shape to [" + settings.window() + ", " + inputs
                    + "] or leave the window out");
        }
        int series = settings.columns().size();
        int horizon;
        if (settings.horizon() != null) {
            horizon = settings.horizon();
            if (design.outputs() > 0 && design.outputs() != (long) horizon * series) {
                throw new IllegalArgumentException("a horizon of " + horizon + " steps for " + series + " series needs "
                        + horizon * series + " outputs, but the design outputs " + design.outputs() + ": set the "
                        + "last Dense layer's units to " + horizon * series);
            }
        } else if (design.outputs() > 0 && design.outputs() % series == 0) {
            horizon = (int) (design.outputs() / series);
        } else {
            throw new IllegalArgumentException("give the horizon (steps to forecast): the design outputs "
                    + design.outputs() + " values, not a multiple of the " + series + " series");
        }
        SeriesTable table = SeriesTable.load(CsvTable.read(spec.file(), (char) 0), settings);
        SeriesWindows windows = SeriesWindows.cut(table, settings, window, horizon, validationFraction, testFraction);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "series %s: %,d steps split in time order: training steps 1-%d, "
                        + "validation %d-%d, test %d-%d; window %d, horizon %d; %,d training / %,d validation / %,d "
                        + "test windows; scaling fitted on the training steps", settings.columns(), table.steps(),
                windows.trainEnd(), windows.trainEnd() + 1, windows.testStart(), windows.testStart() + 1,
                table.steps(), window, horizon, windows.train().size(),
                windows.validation().map(ArrayDataset::size).orElse(0), windows.test().size()));
        if (table.filled() > 0) {
            notes.add(table.filled() + " missing values interpolated linearly");
        }
        return new PreparedData(windows.train(), windows.validation(), windows.test(), Optional.empty(), List.of(),
                ArrayDataset.Task.REGRESSION, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(windows), notes);
    }

    /** Raw samples of a file for a saved text model or forecaster (see {@link DataPreparation#evaluationData}). */
    static ArrayDataset evaluationData(DatasetSpec spec, ModelManifest model) {
        java.nio.file.Path file = switch (spec) {
            case DatasetSpec.Table t -> t.file();
            case DatasetSpec.Text t -> t.file();
            case DatasetSpec.Series t -> t.file();
            default -> throw new IllegalArgumentException("a model trained on " + (model.text() != null ? "text"
                    : "a series") + " is evaluated on a .csv or .tsv file, not " + spec.label());
        };
        CsvTable csv = CsvTable.read(file, (char) 0);
        if (model.text() != null) {
            String target = switch (spec) {
                case DatasetSpec.Table t -> t.targetColumn();
                case DatasetSpec.Text t -> t.targetColumn();
                default -> throw new IllegalArgumentException("name the label column with --target");
            };
            TextEncoding encoding = model.text();
            ArrayDataset.Task task = ArrayDataset.Task.valueOf(model.task());
            TextTable table = TextTable.load(csv, new TextSettings(encoding.column(), encoding.level()), target, task);
            float[] targets = table.targets().clone();
            if (task == ArrayDataset.Task.CLASSIFICATION) {
                for (int i = 0; i < targets.length; i++) {
                    String label = table.classNames().get((int) targets[i]);
                    int k = model.classNames().indexOf(label);
                    if (k < 0) {
                        throw new DatasetException(file.toString(), "column '" + target + "'", "label '" + label
                                + "' is not one the model knows: " + model.classNames());
                    }
                    targets[i] = k;
                }
            }
            TextEncoding.EncodedTexts e = encoding.encodeAll(table.texts());
            return new ArrayDataset(file.getFileName().toString(), new long[] {encoding.length()}, e.ids(), targets, 1,
                    task, model.classNames());
        }
        SeriesEncoding encoding = model.series();
        MissingSteps missing = spec instanceof DatasetSpec.Series s ? s.series().missing() : MissingSteps.REPORT;
        SeriesTable table = SeriesTable.load(csv, new SeriesSettings(encoding.columns(), encoding.features(),
                encoding.window(), encoding.horizon(), missing, encoding.seasonLength()));
        return SeriesWindows.all(table, encoding);
    }
}
