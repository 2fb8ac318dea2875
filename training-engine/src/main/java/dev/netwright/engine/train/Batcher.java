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
 * Cuts an {@link ArrayDataset} into batches in a given sample order. Copies rows into one native (direct) staging
 * buffer per kind that is reused for every batch, so each batch is a single host-to-device transfer and no batch
 * allocates native memory (a fresh direct buffer per batch is freed only by the garbage collector, and running
 * out of direct memory stalls training in full collections).
 *
 * <p>On the CPU the engine's arrays share the staging buffer rather than copying it: an array this batcher returns
 * is valid until the next call for the same kind (features or targets), so close a batch's manager before asking
 * for the next batch. One batcher serves one thread; only {@link #gather} into a {@link HostBatch} may run on
 * another (training batches are gathered ahead that way, see {@link Prefetcher}).
 */
final class Batcher {
    private final ArrayDataset data;
    private final int batchSize;
    private ByteBuffer featureStage;
    private ByteBuffer targetStage;

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
        featureStage = stage(featureStage, data.sampleSize());
        return gather(manager, order, b, data.features(), data.sampleSize(), data.sampleShape(), featureStage);
    }

    /** An empty host batch of this batcher's size, to be filled by {@link #gather}. */
    public HostBatch newHostBatch() {
        return new HostBatch(stage(null, data.sampleSize()), stage(null, data.targetWidth()));
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

    /** Targets of batch {@code b} as [batch, targetWidth]. */
    public NDArray targets(NDManager manager, int[] order, int b) {
        targetStage = stage(targetStage, data.targetWidth());
        return gather(manager, order, b, data.targets(), data.targetWidth(), new long[] {data.targetWidth()},
                targetStage);
    }

    private NDArray gather(NDManager manager, int[] order, int b, float[] source, int width, long[] rowShape,
                           ByteBuffer stage) {
        int n = size(b);
        copyRows(order, b, source, width, stage);
        return create(manager, stage, n * width, batchShape(n, rowShape));
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

    /** The staging buffer for rows of {@code width} floats, allocated on first use. */
    private ByteBuffer stage(ByteBuffer current, int width) {
        long bytes = (long) Math.min(batchSize, Math.max(1, data.size())) * width * Float.BYTES;
        if (current != null) {
            return current;
        }
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
