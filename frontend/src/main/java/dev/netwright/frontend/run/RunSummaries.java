package dev.netwright.frontend.run;

import dev.netwright.backend.run.RunView;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Short texts about a run for lists and headers: where it came from and its key metric. */
public final class RunSummaries {
    private RunSummaries() {
    }

    /** Which sweep and trial made the run, or who started it. */
    public static String origin(RunView run) {
        if (run.sweepId() != null) {
            return "sweep " + (run.sweepName() == null ? "" : run.sweepName() + " · ") + "trial " + run.trialNumber();
        }
        return "run by " + run.createdBy();
    }

    /**
     * Test accuracy (classification) or test RMSE and loss (regression) when the run finished, else the last
     * epoch's figures, else empty.
     */
    public static String keyMetric(RunView run) {
        JsonNode f = run.finalMetrics();
        if (f == null) {
            return "";
        }
        JsonNode test = f.path("test");
        if (test.path("accuracy").isNumber()) {
            return "test accuracy " + RunResults.percent(test.path("accuracy").asDouble())
                    + (test.path("loss").isNumber() ? String.format(Locale.ROOT, " · loss %.3f",
                    test.path("loss").asDouble()) : "");
        }
        if (test.path("rmse").isNumber()) {
            return String.format(Locale.ROOT, "test RMSE %.4g · loss %.4g", test.path("rmse").asDouble(),
                    test.path("loss").asDouble());
        }
        if (test.path("mae").isNumber()) {
            return String.format(Locale.ROOT, "test MAE %.4g", test.path("mae").asDouble());
        }
        JsonNode last = f.path("lastEpoch");
        if (last.has("discriminatorLoss")) {
            return String.format(Locale.ROOT, "D %.3f · G %.3f", last.path("discriminatorLoss").asDouble(),
                    last.path("generatorLoss").asDouble());
        }
        double val = Payloads.number(last.path("validation"), "loss");
        return Double.isNaN(val) ? "" : String.format(Locale.ROOT, "val loss %.4g", val);
    }

    /**
     * A number to sort runs by their key metric, larger is better: test accuracy, else minus the test RMSE or loss;
     * runs without one sort below all others.
     */
    public static double score(RunView run) {
        JsonNode test = run.finalMetrics() == null ? null : run.finalMetrics().path("test");
        if (test == null) {
            return Double.NEGATIVE_INFINITY;
        }
        if (test.path("accuracy").isNumber()) {
            return test.path("accuracy").asDouble();
        }
        if (test.path("rmse").isNumber()) {
            return -test.path("rmse").asDouble();
        }
        return test.path("loss").isNumber() ? -test.path("loss").asDouble() : Double.NEGATIVE_INFINITY;
    }
}
