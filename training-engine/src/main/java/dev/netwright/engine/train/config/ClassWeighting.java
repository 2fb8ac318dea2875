package dev.netwright.engine.train.config;

/**
 * How a classification loss weights each class's samples. Imbalanced labels let a network score well by mostly
 * predicting the common class; weighting each class by the inverse of its share makes every class count as much
 * in the loss as the others.
 */
public enum ClassWeighting {
    /** Every sample counts the same. */
    NONE,
    /**
     * Class c weighs n / (k * n_c) (n training samples, k classes, n_c of class c), so each class contributes the
     * same total; a class missing from the training split weighs 1.
     */
    BALANCED;

    /** One weight per class from the training split's class counts; all ones for {@link #NONE}. */
    public float[] weights(int[] classCounts) {
        float[] w = new float[classCounts.length];
        long total = 0;
        int present = 0;
        for (int c : classCounts) {
            total += c;
            present += c > 0 ? 1 : 0;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = this == NONE || classCounts[i] == 0 ? 1f : (float) ((double) total / (present * classCounts[i]));
        }
        return w;
    }
}
