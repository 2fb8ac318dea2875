package dev.netwright.engine.train.metrics;

import java.util.Arrays;
import java.util.List;

/** Counts of (actual class row, predicted class column). Immutable: the array is copied in and out. */
public record ConfusionMatrix(List<String> classNames, long[][] counts) {

    public ConfusionMatrix {
        classNames = List.copyOf(classNames);
        counts = copy(counts);
        for (long[] row : counts) {
            if (row.length != classNames.size() || counts.length != classNames.size()) {
                throw new IllegalArgumentException("confusion matrix must be " + classNames.size() + " x "
                        + classNames.size());
            }
        }
    }

    @Override
    public long[][] counts() {
        return copy(counts);
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public int size() {
        return classNames.size();
    }

    private static long[][] copy(long[][] source) {
        long[][] out = new long[source.length][];
        for (int i = 0; i < source.length; i++) {
            out[i] = source[i].clone();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && classNames.equals(m.classNames)
                && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + classNames + Arrays.deepToString(counts);
    }
}
