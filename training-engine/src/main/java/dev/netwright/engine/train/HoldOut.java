package dev.netwright.engine.train;

import dev.netwright.engine.data.ArrayDataset;

import java.util.Random;

/**
 * Seeded random hold-out split, used when a run gets a validation fraction instead of a validation set.
 * (Stratified and user-defined splits belong to the data loaders.)
 */
final class HoldOut {
    private HoldOut() {
    }

    /** The two parts of a split. */
    public record Split(ArrayDataset train, ArrayDataset validation) {
    }

    public static Split split(ArrayDataset data, double fraction, long seed) {
        int n = data.size();
        int validationSize = (int) Math.round(n * fraction);
        if (validationSize == 0 || validationSize == n) {
            throw new IllegalArgumentException("validation fraction " + fraction + " of " + n
                    + " samples leaves an empty split");
        }
        int[] order = new Batcher(data, 1).identity();
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new Split(subset(data, order, validationSize, n, "train"),
                subset(data, order, 0, validationSize, "validation"));
    }

    static ArrayDataset subset(ArrayDataset data, int[] order, int from, int to, String suffix) {
        int w = data.sampleSize();
        int t = data.targetWidth();
        float[] features = new float[(to - from) * w];
        float[] targets = new float[(to - from) * t];
        for (int i = from; i < to; i++) {
            System.arraycopy(data.features(), order[i] * w, features, (i - from) * w, w);
            System.arraycopy(data.targets(), order[i] * t, targets, (i - from) * t, t);
        }
        return new ArrayDataset(data.name() + "/" + suffix, data.sampleShape(), features, targets, t, data.task(),
                data.classNames());
    }
}
