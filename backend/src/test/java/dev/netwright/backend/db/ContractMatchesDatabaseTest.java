package dev.netwright.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.ApiTestBase;
import dev.netwright.backend.sweep.SweepState;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The typed contract stores its values unchanged: each enum's names are exactly what the database's CHECK constraint
 * allows, so renaming a value (or adding one without a migration) fails here rather than at the first insert.
 */
class ContractMatchesDatabaseTest extends ApiTestBase {
    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    private Set<String> allowed(String table, String column) {
        List<String> checks = jdbc.sql("""
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                WHERE c.conrelid = ?::regclass AND c.contype = 'c'""").param(table).query(String.class).list();
        return checks.stream().filter(d -> d.contains("(" + column + ")") || d.contains(column + " ="))
                .flatMap(d -> {
                    Matcher m = QUOTED.matcher(d);
                    return m.results().map(r -> r.group(1));
                }).collect(Collectors.toSet());
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }

    @Test
    void runStatusesMetricKindsAndSweepStatesAreTheDatabasesValues() {
        assertThat(allowed("runs", "status")).isEqualTo(names(RunStatus.values()));
        assertThat(allowed("run_metrics", "kind")).isEqualTo(names(MetricKind.values()));
        assertThat(allowed("sweeps", "state")).isEqualTo(names(SweepState.values()));
    }
}
