package dev.netwright.engine.train.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.netwright.engine.data.ArrayDataset;

import java.util.Random;

/**
 * Cuts an {@link ArrayDataset} into batches in a given sample order. Copies rows into one float buffer per batch
 * so each batch is a single host-to-device transfer.
 */
public final class Batcher {
    private final ArrayDataset data;
    private final int batchSize;

    public Batcher(ArrayDataset data, int batchSize) {
        this.data = data;
        this.batchSize = batchSize;
    }

    /** Number of batches per pass (the last one may be smaller). */
    public int batchCount() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** Sample order for one epoch: a permutation that depends only on seed and epoch, so resumed runs match. */
    public int[] order(long seed, int epoch) {
        int[] idx = identity();
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = idx.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    /** Samples in dataset order (evaluation). */
    public int[] identity() {
        int[] idx = new int[data.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** Number of samples in batch {@code b}. */
    public int size(int b) {
        return Math.min(batchSize, data.size() - b * batchSize);
    }

    /** Features of batch {@code b} as [batch, sampleShape...]. */
    public NDArray features(NDManager manager, int[] order, int b) {
        return gather(manager, order, b, data.features(), data.sampleSize(), data.sampleShape());
    }

    /** Features of training batch {@code b}, augmented with a random state derived from seed, epoch and batch. */
    public NDArray features(NDManager manager, int[] order, int b, dev.netwright.engine.data.prep.Augmentation
            augmentation, long seed, int epoch) {
        if (augmentation.isNone()) {
            return features(manager, order, b);
        }
        int from = b * batchSize;
        int n = size(b);
        int width = data.sampleSize();
        float[] buffer = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.features(), order[from + i] * width, buffer, i * width, width);
        }
        java.util.Random random = new java.util.Random(seed * 1_000_003L + epoch * 10_007L + b);
        float[] augmented = augmentation.apply(buffer, data.sampleShape(), random);
        long[] dims = new long[data.sampleShape().length + 1];
        dims[0] = n;
        System.arraycopy(data.sampleShape(), 0, dims, 1, data.sampleShape().length);
        return manager.create(augmented, new ai.djl.ndarray.types.Shape(dims));
    }

    /** Targets of batch {@code b} as [batch, targetWidth]. */
    public NDArray targets(NDManager manager, int[] order, int b) {
        return gather(manager, order, b, data.targets(), data.targetWidth(), new long[] {data.targetWidth()});
    }

    private NDArray gather(NDManager manager, int[] order, int b, float[] source, int width, long[] rowShape) {
        int from = b * batchSize;
        int n = size(b);
        float[] buffer = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(source, order[from + i] * width, buffer, i * width, width);
        }
        long[] shape = new long[rowShape.length + 1];
        shape[0] = n;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return manager.create(buffer, new Shape(shape));
    }
}
