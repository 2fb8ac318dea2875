package dev.netwright.frontend.sweep;

import dev.netwright.backend.sweep.SweepView;
import dev.netwright.backend.sweep.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** ECharts options for the sweep page, built from a sweep's trials. */
final class SweepCharts {
    private static final JsonMapper JSON = JsonMapper.shared();

    private SweepCharts() {
    }

    /** Trials that have a value, by trial number. */
    private static List<SweepView.TrialView> scored(SweepView sweep) {
        return sweep.trials().stream().filter(t -> t.objective() != null)
                .sorted(Comparator.comparingInt(SweepView.TrialView::number)).toList();
    }

    /** Each completed trial's value and the best value so far, against the trial number. */
    static JsonNode bestSoFar(SweepView sweep) {
        boolean max = sweep.direction().equals("maximize");
        ArrayNode best = JSON.createArrayNode();
        ArrayNode each = JSON.createArrayNode();
        Double current = null;
        for (SweepView.TrialView t : scored(sweep)) {
            if (t.status() != TrialStatus.COMPLETED) {
                continue;
            }
            double v = t.objective();
            current = current == null ? v : max ? Math.max(current, v) : Math.min(current, v);
            best.add(point(t.number(), current));
            each.add(point(t.number(), v));
        }
        ObjectNode option = base("Best so far");
        option.putObject("xAxis").put("type", "value").put("name", "trial").put("minInterval", 1);
        option.putObject("yAxis").put("type", "value").put("name", sweep.objective()).put("scale", true);
        ArrayNode series = option.putArray("series");
        series.addObject().put("type", "line").put("name", "best so far").put("step", "end").set("data", best);
        series.addObject().put("type", "scatter").put("name", "trial").set("data", each);
        return option;
    }

    /**
     * Parallel coordinates: one axis per hyperparameter (categories for choices, a log axis for log-uniform
     * ranges) and a last axis for the objective; one line per trial that has a value.
     */
    static JsonNode parallel(SweepView sweep) {
        List<String> names = new ArrayList<>();
        sweep.parameters().propertyNames().forEach(names::add);
        List<SweepView.TrialView> trials = scored(sweep);
        ObjectNode option = base("Hyperparameters against " + sweep.objective());
        option.putObject("parallel").put("left", 60).put("right", 80).put("top", 60).put("bottom", 30);
        ArrayNode axes = option.putArray("parallelAxis");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            JsonNode range = sweep.parameters().get(name);
            ObjectNode axis = axes.addObject().put("dim", i).put("name", name);
            boolean numeric = trials.stream().allMatch(t -> t.parameters().get(name) instanceof Number);
            if (range.has("choice") || !numeric) {
                Set<String> categories = new LinkedHashSet<>();
                range.path("choice").forEach(v -> categories.add(v.asString()));
                trials.forEach(t -> categories.add(String.valueOf(t.parameters().get(name))));
                axis.put("type", "category");
                ArrayNode data = axis.putArray("data");
                categories.forEach(data::add);
            } else {
                axis.put("type", range.has("logUniform") || range.has("logInt") ? "log" : "value").put("scale", true);
            }
        }
        axes.addObject().put("dim", names.size()).put("name", sweep.objective()).put("type", "value")
                .put("scale", true);
        ArrayNode data = JSON.createArrayNode();
        for (SweepView.TrialView t : trials) {
            ArrayNode line = data.addArray();
            for (String name : names) {
                Object v = t.parameters().get(name);
                if (v instanceof Number n && !sweep.parameters().get(name).has("choice")) {
                    line.add(n.doubleValue());
                } else {
                    line.add(String.valueOf(v));
                }
            }
            line.add(t.objective());
        }
        ObjectNode series = option.putArray("series").addObject().put("type", "parallel").put("name", "trials");
        series.putObject("lineStyle").put("width", 2).put("opacity", 0.6);
        series.set("data", data);
        return option;
    }

    /** Objective against parameter count, the Pareto front highlighted and joined. */
    static JsonNode pareto(SweepView sweep) {
        Set<Integer> front = new java.util.HashSet<>(sweep.paretoFront() == null ? List.of() : sweep.paretoFront());
        ArrayNode all = JSON.createArrayNode();
        ArrayNode best = JSON.createArrayNode();
        List<SweepView.TrialView> frontTrials = new ArrayList<>();
        for (SweepView.TrialView t : scored(sweep)) {
            if (t.secondObjective() == null || t.status() != TrialStatus.COMPLETED) {
                continue;
            }
            (front.contains(t.number()) ? best : all).add(point(t.secondObjective(), t.objective()));
            if (front.contains(t.number())) {
                frontTrials.add(t);
            }
        }
        ObjectNode option = base("Pareto front");
        option.putObject("xAxis").put("type", "log").put("name", "parameters");
        option.putObject("yAxis").put("type", "value").put("name", sweep.objective()).put("scale", true);
        ArrayNode series = option.putArray("series");
        series.addObject().put("type", "scatter").put("name", "trial").set("data", all);
        ArrayNode line = JSON.createArrayNode();
        frontTrials.stream().sorted(Comparator.comparingDouble(SweepView.TrialView::secondObjective))
                .forEach(t -> line.add(point(t.secondObjective(), t.objective())));
        series.addObject().put("type", "line").put("name", "Pareto front").put("symbolSize", 10).set("data", line);
        return option;
    }

    private static ObjectNode base(String title) {
        ObjectNode option = JSON.createObjectNode();
        option.putObject("title").put("text", title).put("left", "center").putObject("textStyle").put("fontSize", 13);
        option.putObject("tooltip").put("trigger", "item");
        option.put("animation", false);
        return option;
    }

    private static ArrayNode point(double x, double y) {
        return JSON.createArrayNode().add(x).add(y);
    }
}
