package dev.netwright.frontend.model;

import dev.netwright.frontend.ui.chart.Chart;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A horizontal bar per class with its predicted probability (ECharts option built on the server). */
final class ProbabilityChart extends Chart {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    ProbabilityChart() {
        setWidth("100%");
        setHeight("320px");
        getElement().setAttribute("data-testid", "probabilities");
    }

    void show(Map<String, Double> probabilities, String best) {
        List<String> names = List.copyOf(probabilities.keySet());
        ObjectNode option = JSON.createObjectNode();
        option.putObject("grid").put("left", 110).put("right", 40).put("top", 10).put("bottom", 30);
        option.putObject("tooltip").put("trigger", "axis");
        ObjectNode x = option.putObject("xAxis");
        x.put("type", "value").put("min", 0).put("max", 1);
        ObjectNode y = option.putObject("yAxis");
        y.put("type", "category").put("inverse", true);
        ArrayNode categories = y.putArray("data");
        names.forEach(categories::add);
        ObjectNode series = option.putArray("series").addObject();
        series.put("type", "bar").put("name", "probability");
        series.putObject("label").put("show", true).put("position", "right").put("formatter", "{c}");
        ArrayNode data = series.putArray("data");
        for (String n : names) {
            ObjectNode point = data.addObject();
            point.put("value", Math.round(probabilities.get(n) * 10_000) / 10_000.0);
            point.putObject("itemStyle").put("color", n.equals(best) ? "#1676f3" : "#9aa5b1");
        }
        setOption(option);
    }
}
