package dev.netwright.engine.data;

import java.util.List;
import java.util.Objects;

/**
 * A dataset held in memory as one float row per sample: the contract between data loading and training.
 *
 * @param name        what the user sees (e.g. {@code fashion-mnist/train})
 * @param sampleShape shape of one sample, without the batch dimension ([channels, height, width] for images,
 *                    [time, features] for sequences, [tokens] for token ids)
 * @param features    row-major sample values, {@code size * prod(sampleShape)} floats (token ids as whole floats)
 * @param targets     row-major targets, {@code size * targetWidth} floats: the class index for classification
 *                    (targetWidth 1), the target values for regression, empty for unlabelled (GAN) data
 * @param targetWidth number of target values per sample (0 for unlabelled data)
 * @param task        what the targets mean
 * @param classNames  class names in index order for classification, otherwise empty
 */
public record ArrayDataset(String name, long[] sampleShape, float[] features, float[] targets, int targetWidth,
                           Task task, List<String> classNames) {

    /** What a dataset's targets mean. */
    public enum Task { CLASSIFICATION, REGRESSION, UNLABELLED }

    public ArrayDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sampleShape, "sampleShape");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(task, "task");
        classNames = List.copyOf(classNames);
        long width = sampleWidth(sampleShape);
        if (width <= 0 || features.length % width != 0) {
            throw new IllegalArgumentException("features length " + features.length
                    + " is not a multiple of the sample size " + width);
        }
        int n = (int) (features.length / width);
        if (targetWidth < 0 || (long) n * targetWidth != targets.length) {
            throw new IllegalArgumentException("targets length " + targets.length + " does not match "
                    + n + " samples x " + targetWidth + " target values");
        }
    }

    /** Number of samples. */
    public int size() {
        return (int) (features.length / sampleWidth(sampleShape));
    }

    /** Number of floats in one sample. */
    public int sampleSize() {
        return (int) sampleWidth(sampleShape);
    }

    private static long sampleWidth(long[] shape) {
        long w = 1;
        for (long d : shape) {
            w *= d;
        }
        return w;
    }
}
