package dev.netwright.backend.run;

import dev.netwright.backend.api.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Orders of a list of runs. The metric orders put the best first (highest test accuracy; lowest test loss or RMSE)
 * and runs without that figure (still training, failed, another kind of task) last.
 */
public enum RunSort {
    NEWEST("r.created_at DESC"),
    OLDEST("r.created_at ASC"),
    NAME("lower(r.name) ASC"),
    ACCURACY("(r.final_metrics -> 'test' ->> 'accuracy')::float8 DESC NULLS LAST"),
    LOSS("(r.final_metrics -> 'test' ->> 'loss')::float8 ASC NULLS LAST"),
    RMSE("(r.final_metrics -> 'test' ->> 'rmse')::float8 ASC NULLS LAST");

    /** the ORDER BY term over the runs table aliased {@code r}; ties fall back to newest first */
    final String orderBy;

    RunSort(String orderBy) {
        this.orderBy = orderBy;
    }

    /** The order a query parameter names (lower case, e.g. "accuracy"); a clear 400 for anything else. */
    public static RunSort parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'sort' must be one of " + Arrays.stream(values())
                    .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + ", not '" + value + "'");
        }
    }
}
