package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.TrainTest;
import dev.netwright.engine.data.baseline.BaselineResult;
import dev.netwright.engine.data.baseline.LinearBaseline;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.data.images.ImageZipLoader;
import dev.netwright.engine.data.images.ImageZipOptions;
import dev.netwright.engine.data.prep.DataSplits;
import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.data.prep.Normaliser;
import dev.netwright.engine.data.tabular.CsvOptions;
import dev.netwright.engine.data.tabular.MissingValues;
import dev.netwright.engine.data.tabular.TableLoader;
import dev.netwright.engine.data.tabular.TabularData;
import java.util.List;
import java.util.Optional;

/**
 * Loads a run's data and makes it ready: a held-out test split (built-in sets bring their own), a validation split
 * from the training data, normalisation fitted on the training split only, and a check that samples fit the
 * design's input (same shape, or same number of values, which the network reshapes).
 */
public final class DataPreparation {
    /** Share of an uploaded table or image archive held out as its test split (built-in sets bring their own). */
    public static final double TEST_FRACTION = 0.2;
    private final BuiltinCatalog catalog;

    DataPreparation(BuiltinCatalog catalog) {
        this.catalog = catalog;
    }

    public DataPreparation() {
        this(BuiltinCatalog.standard());
    }

    /**
     * @param designInput        the design's Input shape (no batch); images are resized to it
     * @param validationFraction share of the training data held out for validation (0 for none)
     * @param baseline           also fit a Tribuo linear model on tabular data (on bag-of-words counts for text)
     */
    PreparedData prepare(DatasetSpec spec, long[] designInput, double validationFraction,
                                NormalisationChoice normalisation, long seed, boolean baseline) {
        return prepare(spec, DesignInput.of(designInput), validationFraction, normalisation, seed, baseline);
    }

    /**
     * Like {@link #prepare(DatasetSpec, long[], double, NormalisationChoice, long, boolean)}, knowing whether the
     * design takes token ids (an Embedding after its Input): then a table's free-text column is tokenised; a design
     * without one refuses free text.
     */
    PreparedData prepare(DatasetSpec requested, DesignInput design, double validationFraction,
                                NormalisationChoice normalisation, long seed, boolean baseline) {
        return prepare(requested, design, validationFraction, normalisation, ImagePreprocessing.NONE, seed, baseline);
    }

    /**
     * Like {@link #prepare(DatasetSpec, DesignInput, double, NormalisationChoice, long, boolean)}, with images
     * preprocessed first: {@link ImagePreprocessing#IMAGENET} resizes them to the design's Input and replaces the
     * normalisation by ImageNet's per-channel mean and standard deviation.
     */
    PreparedData prepare(DatasetSpec requested, DesignInput design, double validationFraction,
                                NormalisationChoice normalisation, ImagePreprocessing preprocessing, long seed,
                                boolean baseline) {
        DatasetSpec spec = SequencePreparation.resolve(requested, design);
        if (spec instanceof DatasetSpec.Text text) {
            return SequencePreparation.text(text, design, validationFraction, seed, baseline);
        }
        if (spec instanceof DatasetSpec.Series series) {
            return SequencePreparation.series(series, design, validationFraction, TEST_FRACTION);
        }
        long[] designInput = design.shape();
        boolean tabular = false;
        TrainTest trainTest;
        List<String> featureNames = List.of();
        Optional<dev.netwright.engine.data.tabular.TableEncoding> encoding = Optional.empty();
        switch (spec) {
            case DatasetSpec.Builtin b -> {
                trainTest = catalog.load(b.id(), new LoadOptions(seed, b.limit()));
                tabular = catalog.info(b.id()).sampleShape().length == 1 && !b.id().contains("token");
            }
            case DatasetSpec.Table t -> {
                CsvOptions options = (t.task() == ArrayDataset.Task.REGRESSION
                        ? CsvOptions.regression(t.targetColumn()) : CsvOptions.classification(t.targetColumn()))
                        .withMissing(t.imputeMissing() ? MissingValues.IMPUTE : MissingValues.REPORT);
                if (t.file().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv")) {
                    options = options.withDelimiter('\t');
                }
                TabularData table = TableLoader.load(t.file(), options);
                featureNames = table.featureNames();
                encoding = Optional.of(table.encoding());
                DataSplits parts = DataSplits.trainTest(table.dataset(), TEST_FRACTION, seed,
                        t.task() == ArrayDataset.Task.CLASSIFICATION);
                trainTest = new TrainTest(parts.train(), parts.test());
                tabular = true;
            }
            case DatasetSpec.Text t -> throw new IllegalStateException("resolved above");
            case DatasetSpec.Series t -> throw new IllegalStateException("resolved above");
            case DatasetSpec.ImageZip z -> {
                if (designInput.length != 3 || (designInput[0] != 1 && designInput[0] != 3)) {
                    throw new IllegalArgumentException("an image dataset needs a design Input of [channels, height, "
                            + "width] with 1 or 3 channels, but the design's Input is "
                            + java.util.Arrays.toString(designInput));
                }
                ImageZipOptions.ColorMode color = designInput[0] == 3 ? ImageZipOptions.ColorMode.RGB
                        : ImageZipOptions.ColorMode.GREY;
                ArrayDataset images = ImageZipLoader.load(z.file(),
                        ImageZipOptions.of((int) designInput[2], (int) designInput[1], color));
                DataSplits parts = DataSplits.trainTest(images, TEST_FRACTION, seed, true);
                trainTest = new TrainTest(parts.train(), parts.test());
            }
        }
        if (preprocessing == ImagePreprocessing.IMAGENET && tabular) {
            throw new IllegalArgumentException("image preprocessing 'imagenet' is for image datasets, but "
                    + spec.label() + " is a table");
        }
        ShapeAdaptation fit = ShapeAdaptation.check(trainTest.train().sampleShape(), designInput, preprocessing);
        if (fit.kind() == ShapeAdaptation.Kind.RESIZE) {
            // resized once here; samples that are reshaped keep their own shape for augmentation
            trainTest = new TrainTest(fit.apply(trainTest.train()), fit.apply(trainTest.test()));
        }
        ArrayDataset all = trainTest.train();
        ArrayDataset train = all;
        Optional<ArrayDataset> validation = Optional.empty();
        if (validationFraction > 0 && all.task() != ArrayDataset.Task.UNLABELLED) {
            DataSplits parts = DataSplits.split(all, validationFraction, 0, seed + 1,
                    all.task() == ArrayDataset.Task.CLASSIFICATION);
            train = parts.train();
            validation = Optional.of(parts.validation());
        }
        ArrayDataset test = trainTest.test();
        Optional<Normaliser> normaliser = preprocessing == ImagePreprocessing.IMAGENET
                ? Optional.of(ImagePreprocessing.imageNetNormaliser(designInput))
                : normaliser(normalisation, tabular, train);
        if (normaliser.isPresent()) {
            Normaliser n = normaliser.get();
            train = n.apply(train);
            validation = validation.map(n::apply);
            test = n.apply(test);
        }
        Optional<BaselineResult> linear = Optional.empty();
        if (baseline && tabular && train.task() != ArrayDataset.Task.UNLABELLED && test.size() > 0) {
            linear = Optional.of(LinearBaseline.evaluate(train, test, featureNames));
        }
        return new PreparedData(train, validation, test, normaliser, train.classNames(), train.task(), linear,
                encoding, Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * Data to evaluate a saved model on, raw (the model applies its own normalisation): a built-in set's test split,
     * or every row of a table or image archive.
     */
    ArrayDataset evaluationData(DatasetSpec spec, long[] designInput, long seed) {
        ArrayDataset data = rawEvaluationData(spec, designInput, seed);
        ShapeAdaptation.check(data.sampleShape(), designInput);
        return data;
    }

    private ArrayDataset rawEvaluationData(DatasetSpec spec, long[] designInput, long seed) {
        return switch (spec) {
            case DatasetSpec.Text t -> throw new IllegalArgumentException("text needs the model's vocabulary: use "
                    + "evaluationData(spec, manifest, seed)");
            case DatasetSpec.Series t -> throw new IllegalArgumentException("a series needs the model's scaling: use "
                    + "evaluationData(spec, manifest, seed)");
            case DatasetSpec.Builtin b -> catalog.load(b.id(), new LoadOptions(seed, b.limit())).test();
            case DatasetSpec.Table t -> TableLoader.load(t.file(), (t.task() == ArrayDataset.Task.REGRESSION
                    ? CsvOptions.regression(t.targetColumn()) : CsvOptions.classification(t.targetColumn()))
                    .withMissing(t.imputeMissing() ? MissingValues.IMPUTE : MissingValues.REPORT)
                    .withDelimiter(t.file().toString().endsWith(".tsv") ? '\t' : ',')).dataset();
            case DatasetSpec.ImageZip z -> ImageZipLoader.load(z.file(), ImageZipOptions.of((int) designInput[2],
                    (int) designInput[1], designInput[0] == 3 ? ImageZipOptions.ColorMode.RGB
                            : ImageZipOptions.ColorMode.GREY));
        };
    }

    /**
     * Data to evaluate a saved model on, raw: like {@link #evaluationData(DatasetSpec, long[], long)}, but a model
     * trained on text tokenises the file's text column with its own vocabulary, a forecaster cuts the whole file
     * into its windows, and a model trained with ImageNet preprocessing gets the images at their own size.
     */
    public ArrayDataset evaluationData(DatasetSpec spec, ModelManifest model, long seed) {
        if (model.text() != null || model.series() != null) {
            return SequencePreparation.evaluationData(spec, model);
        }
        if (model.imagePreprocessing() != ImagePreprocessing.NONE) {
            // the images at their own size: the model resizes them as training did (TrainedModel.predictBatched)
            ArrayDataset data = rawEvaluationData(spec, model.inputShape(), seed);
            if (ImagePreprocessing.isImage(data.sampleShape())) {
                return data;
            }
        }
        return evaluationData(spec, model.inputShape(), seed);
    }

    private static Optional<Normaliser> normaliser(NormalisationChoice choice, boolean tabular, ArrayDataset train) {
        return switch (choice) {
            case NONE -> Optional.empty();
            case STANDARDISE -> Optional.of(Normaliser.fit(train, Normaliser.Kind.STANDARDISE));
            case MIN_MAX -> Optional.of(Normaliser.fit(train, Normaliser.Kind.MIN_MAX));
            case AUTO -> tabular ? Optional.of(Normaliser.fit(train, Normaliser.Kind.STANDARDISE)) : Optional.empty();
        };
    }
}
