package dev.netwright.engine.data.tabular;

import java.util.List;

/**
 * How one feature column became floats: a numeric column is one float, a categorical one is one float per
 * category (one-hot, in {@code categories} order).
 *
 * @param fill the value used for missing cells when imputing (the mean as text, or the most frequent
 *             category); null when nothing was imputed
 */
public record ColumnEncoding(String name, Kind kind, List<String> categories, String fill) {

    public enum Kind { NUMERIC, CATEGORICAL }

    public ColumnEncoding {
        categories = List.copyOf(categories);
    }

    /** Number of floats this column contributes. */
    int width() {
        return kind == Kind.NUMERIC ? 1 : categories.size();
    }

    /** Feature names this column contributes ({@code name} or {@code name=category}). */
    List<String> featureNames() {
        return kind == Kind.NUMERIC ? List.of(name) : categories.stream().map(c -> name + "=" + c).toList();
    }
}
