package dev.netwright.frontend.run;

import dev.netwright.backend.run.RunView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** The settings of several runs side by side, each row marked when the runs differ in it. */
final class RunComparison {
    /** One setting across the compared runs ("" where a run does not set it: the engine's default). */
    record Row(String setting, List<String> values, boolean differs) {
    }

    private RunComparison() {
    }

    static List<Row> rows(List<RunView> runs) {
        Map<String, List<String>> table = new TreeMap<>();
        for (int i = 0; i < runs.size(); i++) {
            RunView r = runs.get(i);
            put(table, "design", i, runs.size(), r.designName() + " v" + r.designVersion());
            put(table, "dataset", i, runs.size(), r.datasetSummary());
            if (r.config() != null) {
                for (Map.Entry<String, JsonNode> e : r.config().properties()) {
                    if (!e.getValue().isNull()) {
                        put(table, e.getKey(), i, runs.size(), e.getValue().asString());
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        // design and dataset first, then the settings alphabetically
        for (String key : List.of("design", "dataset")) {
            rows.add(row(key, table.remove(key)));
        }
        table.forEach((k, v) -> rows.add(row(k, v)));
        return rows;
    }

    private static Row row(String key, List<String> values) {
        return new Row(key, values, values.stream().distinct().count() > 1);
    }

    private static void put(Map<String, List<String>> table, String key, int index, int size, String value) {
        List<String> values = table.computeIfAbsent(key, k -> {
            List<String> empty = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                empty.add("");
            }
            return empty;
        });
        values.set(index, value);
    }
}
