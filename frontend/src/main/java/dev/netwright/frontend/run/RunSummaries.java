package dev.netwright.frontend.run;

import dev.netwright.backend.run.RunView;
import tools.jackson.databind.JsonNode;

/** Short texts about a run for lists and headers: its dataset and its key metric. */
public final class RunSummaries {
    private RunSummaries() {
    }

    public static String dataset(JsonNode ref) {
        if (ref == null) {
            return "?";
        }
        if (ref.hasNonNull("builtin")) {
            int limit = ref.path("limit").asInt(0);
            return ref.path("builtin").asString() + (limit > 0 ? " (first " + limit + ")" : "");
        }
        String target = ref.hasNonNull("targetColumn") ? " → " + ref.path("targetColumn").asString() : "";
        return "upload " + ref.path("datasetId").asString().substring(0, 8) + target;
    }

    /** Test accuracy or MAE when the run finished, else the last epoch's validation figure, else empty. */
    public static String keyMetric(RunView run) {
        JsonNode f = run.finalMetrics();
        if (f == null) {
            return "";
        }
        JsonNode test = f.path("test");
        if (test.has("accuracy")) {
            return "test accuracy " + RunResults.percent(test.path("accuracy").asDouble());
        }
        if (test.has("mae")) {
            return String.format("test MAE %.4g", test.path("mae").asDouble());
        }
        JsonNode last = f.path("lastEpoch");
        if (last.has("discriminatorLoss")) {
            return String.format("D %.3f · G %.3f", last.path("discriminatorLoss").asDouble(),
                    last.path("generatorLoss").asDouble());
        }
        double val = Payloads.number(last.path("validation"), "loss");
        return Double.isNaN(val) ? "" : String.format("val loss %.4g", val);
    }
}
