package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.netwright.engine.data.ArrayDataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Cuts an {@link ArrayDataset} into batches in a given sample order. A batch is gathered into a {@link HostBatch}:
 * one native (direct) buffer per kind, reused for every batch, so each batch is a single host-to-device transfer and
 * no batch allocates native memory (a fresh direct buffer per batch is freed only by the garbage collector, and
 * running out of direct memory stalls training in full collections).
 *
 * <p>On the CPU the engine's arrays share a host batch's buffers rather than copying them: close a batch's arrays
 * before gathering into the same host batch again. Training, GAN training and evaluation gather one batch ahead on
 * a side thread ({@link Prefetcher}); {@link #gather} touches nothing of this batcher but the dataset, read only.
 */
final class Batcher {
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

    /** An empty host batch of this batcher's size, to be filled by {@link #gather}. */
    public HostBatch newHostBatch() {
        return new HostBatch(buffer(data.sampleSize()), buffer(data.targetWidth()));
    }

    /**
     * Gathers training batch {@code b} into {@code into} on the host, its features augmented with a random state
     * derived from seed, epoch and batch. Touches no engine array and nothing of this batcher but the dataset
     * (read only), so another thread may prepare the next batch while this one trains (see {@link Prefetcher}).
     */
    public void gather(HostBatch into, int[] order, int b, dev.netwright.engine.data.prep.Augmentation augmentation,
                       long seed, int epoch) {
        int n = size(b);
        into.size = n;
        into.featureShape = batchShape(n, data.sampleShape());
        into.targetShape = batchShape(n, new long[] {data.targetWidth()});
        copyRows(order, b, data.targets(), data.targetWidth(), into.targets);
        if (augmentation.isNone()) {
            copyRows(order, b, data.features(), data.sampleSize(), into.features);
            return;
        }
        int from = b * batchSize;
        int width = data.sampleSize();
        float[] buffer = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.features(), order[from + i] * width, buffer, i * width, width);
        }
        java.util.Random random = new java.util.Random(seed * 1_000_003L + epoch * 10_007L + b);
        float[] augmented = augmentation.apply(buffer, data.sampleShape(), random);
        into.features.clear();
        into.features.asFloatBuffer().put(augmented);
    }

    private void copyRows(int[] order, int b, float[] source, int width, ByteBuffer stage) {
        int from = b * batchSize;
        int n = size(b);
        stage.clear();
        FloatBuffer rows = stage.asFloatBuffer();
        for (int i = 0; i < n; i++) {
            rows.put(source, order[from + i] * width, width);
        }
    }

    /** A buffer for a batch of rows of {@code width} floats. */
    private ByteBuffer buffer(int width) {
        long bytes = (long) Math.min(batchSize, Math.max(1, data.size())) * width * Float.BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + batchSize + " samples of " + width
                    + " values does not fit in one buffer; use a smaller batch size");
        }
        return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }

    private static NDArray create(NDManager manager, ByteBuffer stage, int values, Shape shape) {
        stage.position(0).limit(values * Float.BYTES);
        return manager.create(stage, shape, DataType.FLOAT32);
    }

    /**
     * One training batch gathered on the host: features and targets in direct buffers of their own, so that one
     * host batch can be filled while the engine still reads another (on the CPU its arrays share these buffers).
     */
    public static final class HostBatch {
        private final ByteBuffer features;
        private final ByteBuffer targets;
        private int size;
        private Shape featureShape;
        private Shape targetShape;

        private HostBatch(ByteBuffer features, ByteBuffer targets) {
            this.features = features;
            this.targets = targets;
        }

        /** Number of samples. */
        public int size() {
            return size;
        }

        /** The features as [batch, sampleShape...]: one copy to the manager's device (none on the CPU). */
        public NDArray features(NDManager manager) {
            return create(manager, features, (int) featureShape.size(), featureShape);
        }

        /** The targets as [batch, targetWidth]. */
        public NDArray targets(NDManager manager) {
            return create(manager, targets, (int) targetShape.size(), targetShape);
        }
    }

    private static Shape batchShape(int n, long[] rowShape) {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = n;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return new Shape(shape);
    }
}
