package dev.netwright.engine.data.prep;

import dev.netwright.engine.data.ArrayDataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Train / validation / test parts of one dataset; validation may be empty (size 0). */
public record DataSplits(ArrayDataset train, ArrayDataset validation, ArrayDataset test) {

    /**
     * Splits {@code data} at random with {@code seed}: {@code round(n * testFraction)} test samples,
     * {@code round(n * validationFraction)} validation samples, the rest for training. Stratified keeps each
     * class's share in every part (classification only) while still hitting those exact totals.
     */
    public static DataSplits split(ArrayDataset data, double validationFraction, double testFraction, long seed,
                                   boolean stratify) {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("fractions must be >= 0 and leave some training data: validation "
                    + validationFraction + ", test " + testFraction);
        }
        int n = data.size();
        int nTest = (int) Math.round(n * testFraction);
        int nVal = (int) Math.round(n * validationFraction);
        Random rnd = new Random(seed);
        List<int[]> groups = stratify ? byClass(data) : List.of(range(n));
        for (int[] g : groups) {
            shuffle(g, rnd);
        }
        int[] testPer = allocate(groups, nTest, n);
        int[][] rest = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            rest[g] = java.util.Arrays.copyOfRange(groups.get(g), testPer[g], groups.get(g).length);
        }
        int[] valPer = allocate(List.of(rest), nVal, n - nTest);
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int[] idx = groups.get(g);
            for (int k = 0; k < idx.length; k++) {
                if (k < testPer[g]) {
                    test.add(idx[k]);
                } else if (k < testPer[g] + valPer[g]) {
                    val.add(idx[k]);
                } else {
                    train.add(idx[k]);
                }
            }
        }
        // Mix classes again so a stratified part is not ordered by class.
        return new DataSplits(
                data.select(data.name() + "/train", shuffled(train, rnd)),
                data.select(data.name() + "/validation", shuffled(val, rnd)),
                data.select(data.name() + "/test", shuffled(test, rnd)));
    }

    /** Two-way split (no validation part). */
    public static DataSplits trainTest(ArrayDataset data, double testFraction, long seed, boolean stratify) {
        return split(data, 0, testFraction, seed, stratify);
    }

    /**
     * Keeps a dataset's shipped test part and carves the validation part out of its training part, so the
     * test data stays untouched until the final evaluation.
     */
    public static DataSplits withValidation(dev.netwright.engine.data.TrainTest data, double validationFraction,
                                            long seed, boolean stratify) {
        DataSplits inner = split(data.train(), validationFraction, 0, seed, stratify);
        return new DataSplits(inner.train(), inner.validation(), data.test());
    }

    /** Number of test samples {@link #split} produces for {@code n} samples. */
    public static int testCount(int n, double testFraction) {
        return (int) Math.round(n * testFraction);
    }

    private static List<int[]> byClass(ArrayDataset data) {
        if (data.task() != ArrayDataset.Task.CLASSIFICATION) {
            throw new IllegalArgumentException("stratified split needs a classification dataset, "
                    + data.name() + " is " + data.task());
        }
        int[] counts = data.classCounts();
        int[][] groups = new int[counts.length][];
        int[] fill = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            groups[c] = new int[counts[c]];
        }
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            groups[c][fill[c]++] = i;
        }
        return List.of(groups);
    }

    /** Largest-remainder allocation of {@code total} picks over groups, proportional to group sizes. */
    private static int[] allocate(List<int[]> groups, int total, int population) {
        int[] out = new int[groups.size()];
        double[] remainder = new double[groups.size()];
        int given = 0;
        for (int g = 0; g < out.length; g++) {
            double exact = population == 0 ? 0 : (double) total * groups.get(g).length / population;
            out[g] = (int) Math.floor(exact);
            remainder[g] = exact - out[g];
            given += out[g];
        }
        while (given < total) {
            int best = -1;
            for (int g = 0; g < out.length; g++) {
                if (out[g] < groups.get(g).length && (best < 0 || remainder[g] > remainder[best])) {
                    best = g;
                }
            }
            out[best]++;
            remainder[best] = -1;
            given++;
        }
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] shuffled(List<Integer> list, Random rnd) {
        int[] a = list.stream().mapToInt(Integer::intValue).toArray();
        shuffle(a, rnd);
        return a;
    }
}
