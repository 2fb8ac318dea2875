package dev.netwright.engine.run;

import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.compile.OutputActivation;
import java.util.List;

/**
 * {@code model.json} of a saved model: what a reader needs besides the weights and the design to predict exactly as
 * the training run did.
 *
 * @param format            {@code netwright-model/1}
 * @param kind              {@code supervised} or {@code gan}
 * @param inputShape        the design's Input shape (no batch)
 * @param outputShape       the output shape (no batch)
 * @param task              CLASSIFICATION, REGRESSION or UNLABELLED
 * @param classNames        class names in index order
 * @param outputActivation  activation left out of the network for the loss; applied after it at prediction
 * @param normaliser        the input normalisation as text ({@code Normaliser.toText}), or null for none
 * @param dataset           the dataset it was trained on
 * @param device            where it was trained
 * @param epochs            epochs completed
 * @param bestEpoch         epoch whose weights were kept (supervised)
 * @param table             for a model trained on an uploaded table: how rows (column name to cell text) become
 *                          feature vectors, so prediction encodes new rows exactly as training did; null otherwise
 *                          (and in bundles written before it existed)
 * @param text              for a model trained on text: the tokenisation (column, level, length, vocabulary), so
 *                          prediction takes raw text; null otherwise
 * @param series            for a forecaster: window, horizon and the scaling fitted on the training part, so
 *                          prediction takes raw values and answers in the series' units; null otherwise
 * @param imagePreprocessing what training did to its images before the normaliser: {@code IMAGENET} resized them
 *                          (bilinear, grey to RGB) to the Input, so prediction and evaluation resize images of any
 *                          size the same way (ImageNet's mean and standard deviation are the {@code normaliser});
 *                          {@code NONE} (or absent, in bundles written before it existed): inputs have the Input's
 *                          shape
 */
public record ModelManifest(String format, String kind, long[] inputShape, long[] outputShape, String task,
                            List<String> classNames, OutputActivation outputActivation, String normaliser,
                            String dataset, String device, int epochs, int bestEpoch,
                            dev.netwright.engine.data.tabular.TableEncoding table,
                            dev.netwright.engine.data.text.TextEncoding text,
                            dev.netwright.engine.data.series.SeriesEncoding series,
                            ImagePreprocessing imagePreprocessing) {
    public static final String FORMAT = "netwright-model/1";

    public ModelManifest {
        imagePreprocessing = imagePreprocessing == null ? ImagePreprocessing.NONE : imagePreprocessing;
    }

    /** A manifest of a model whose inputs are not images resized by training. */
    public ModelManifest(String format, String kind, long[] inputShape, long[] outputShape, String task,
                         List<String> classNames, OutputActivation outputActivation, String normaliser,
                         String dataset, String device, int epochs, int bestEpoch,
                         dev.netwright.engine.data.tabular.TableEncoding table,
                         dev.netwright.engine.data.text.TextEncoding text,
                         dev.netwright.engine.data.series.SeriesEncoding series) {
        this(format, kind, inputShape, outputShape, task, classNames, outputActivation, normaliser, dataset, device,
                epochs, bestEpoch, table, text, series, ImagePreprocessing.NONE);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isGan() {
        return "gan".equals(kind);
    }
}
