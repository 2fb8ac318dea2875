package dev.netwright.backend.run;

import dev.netwright.backend.dataset.BuiltInDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A run's dataset in words for lists and headers, e.g. "Fashion-MNIST · 10,000 rows" or "Uploaded reviews.csv ·
 * text column review → label", instead of the stored reference's JSON.
 *
 * @param fileName the upload's original file name (null for built-in sets or when the upload is gone)
 * @param kind     the upload's kind (CSV, TSV, IMAGE_ZIP)
 * @param count    the upload's rows (tables) or images (ZIPs), when known
 */
record DatasetDescription(String fileName, String kind, Long count) {

    String describe(JsonNode ref) {
        if (ref == null || ref.isNull()) {
            return "no dataset";
        }
        if (ref.hasNonNull("builtin")) {
            String id = ref.path("builtin").asString();
            int limit = ref.path("limit").asInt(0);
            return BuiltInDataset.ALL.stream().filter(b -> b.id().equals(id)).findFirst()
                    .map(b -> b.title() + " · " + count(limit > 0 ? Math.min(limit, b.samples()) : b.samples())
                            + " rows")
                    .orElse(id + (limit > 0 ? " · " + count(limit) + " rows" : ""));
        }
        List<String> parts = new ArrayList<>();
        parts.add(fileName == null ? "An uploaded dataset that was removed" : "Uploaded " + fileName);
        String target = ref.path("targetColumn").asString(null);
        if (ref.path("series").isObject()) {
            List<String> columns = new ArrayList<>();
            ref.path("series").path("columns").forEach(c -> columns.add(c.asString()));
            parts.add("forecast of " + (columns.isEmpty() ? "its columns" : String.join(", ", columns)));
        } else if (ref.path("text").isObject()) {
            parts.add("text column " + ref.path("text").path("column").asString("?")
                    + (target == null ? "" : " → " + target));
        } else if ("IMAGE_ZIP".equals(kind)) {
            parts.add((count == null ? "" : count(count) + " ") + "images");
        } else {
            String predicts = target == null ? "" : (count == null ? "predicting " : " → ") + target;
            parts.add((count == null ? "" : count(count) + " rows") + predicts
                    + (ref.path("regression").asBoolean(false) ? " (regression)" : ""));
        }
        return String.join(" · ", parts.stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
