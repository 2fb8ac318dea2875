package dev.netwright.engine.data.builtin;

/**
 * How to load a built-in dataset.
 *
 * @param seed  drives generated data and the train/test split of sets that ship without one
 * @param limit keep at most this many samples in each of train and test (0 = all); shipped splits keep
 *              their first samples, generated sets are generated at that size so they stay class-balanced
 */
public record LoadOptions(long seed, int limit) {

    public static final LoadOptions DEFAULT = new LoadOptions(42L, 0);

    public LoadOptions {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
    }

    public static LoadOptions seed(long seed) {
        return new LoadOptions(seed, 0);
    }

    public LoadOptions withLimit(int newLimit) {
        return new LoadOptions(seed, newLimit);
    }

    int cap(int size) {
        return limit == 0 ? size : Math.min(limit, size);
    }
}
