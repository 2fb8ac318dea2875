package dev.netwright.engine.search;

import java.util.List;

/** The values one hyperparameter may take. */
public sealed interface Domain {

    /** One of a fixed list of values (numbers, strings, booleans). */
    record Categorical(List<Object> values) implements Domain {
        public Categorical {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("a categorical range needs at least one value");
            }
            values = List.copyOf(values);
        }
    }

    /** Integers from {@code low} to {@code high} inclusive, optionally sampled on a log scale. */
    record IntRange(int low, int high, boolean log) implements Domain {
        public IntRange {
            if (low > high || (log && low < 1)) {
                throw new IllegalArgumentException("integer range needs low <= high" + (log ? " and low >= 1" : "")
                        + ", got [" + low + ", " + high + "]");
            }
        }
    }

    /** Real numbers in [low, high], uniform or log-uniform (low > 0). */
    record RealRange(double low, double high, boolean log) implements Domain {
        public RealRange {
            if (!(low < high) || (log && low <= 0)) {
                throw new IllegalArgumentException("real range needs low < high" + (log ? " and low > 0" : "")
                        + ", got [" + low + ", " + high + "]");
            }
        }
    }
}
