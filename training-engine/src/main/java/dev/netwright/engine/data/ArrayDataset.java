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

    /** Copy of sample {@code i}'s feature values. */
    public float[] sample(int i) {
        int w = sampleSize();
        return java.util.Arrays.copyOfRange(features, i * w, (i + 1) * w);
    }

    /** Class index of sample {@code i}; only meaningful for classification. */
    public int label(int i) {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalStateException(name + " is not a classification dataset");
        }
        return (int) targets[i];
    }

    /**
     * Number of samples per class index (classification only); one entry per class name, or up to the
     * largest label when no names were given.
     */
    public int[] classCounts() {
        int classes = classNames.size();
        for (int i = 0; i < size(); i++) {
            classes = Math.max(classes, label(i) + 1);
        }
        int[] counts = new int[classes];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }

    /** A new dataset holding the given samples in the given order (indices may repeat). */
    public ArrayDataset select(String newName, int[] indices) {
        int w = sampleSize();
        float[] f = new float[indices.length * w];
        float[] t = new float[indices.length * targetWidth];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(features, i * w, f, k * w, w);
            System.arraycopy(targets, i * targetWidth, t, k * targetWidth, targetWidth);
        }
        return new ArrayDataset(newName, sampleShape.clone(), f, t, targetWidth, task, classNames);
    }

    /** The first {@code n} samples (all of them when {@code n <= 0} or larger than the size). */
    public ArrayDataset head(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return select(name, idx);
    }

    /** Same targets and shape with other feature values (e.g. after normalisation). */
    public ArrayDataset withFeatures(float[] newFeatures) {
        return new ArrayDataset(name, sampleShape, newFeatures, targets, targetWidth, task, classNames);
    }

    /** Same content under another name. */
    public ArrayDataset withName(String newName) {
        return new ArrayDataset(newName, sampleShape, features, targets, targetWidth, task, classNames);
    }

    private static long sampleWidth(long[] shape) {
        long w = 1;
        for (long d : shape) {
            w *= d;
        }
        return w;
    }
}
