package dev.netwright.frontend.model;

import dev.netwright.frontend.ui.chart.Chart;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The window given to a forecaster (its first series) and the forecast after it (ECharts option built on the server). */
final class ForecastChart extends Chart {

    ForecastChart() {
        setWidth("100%");
        setHeight("320px");
        getElement().setAttribute("data-testid", "forecast-chart");
        setVisible(false);
    }

    /**
     * @param window    the window's values, row-major [step, value per step]
     * @param perStep   values per step (series, then extra inputs)
     * @param forecast  the model's outputs, [horizon step, series]
     * @param series    the forecast series' names
     */
    void show(JsonNode window, int perStep, List<Double> forecast, List<String> series) {
        int steps = window.size() / Math.max(perStep, 1);
        int count = series == null || series.isEmpty() ? 1 : series.size();
        ObjectNode option = JsonMapper.shared().createObjectNode();
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("legend").putArray("data").add("window").add("forecast");
        option.putObject("grid").put("left", 60).put("right", 30).put("top", 40).put("bottom", 40);
        option.putObject("xAxis").put("type", "value").put("name", "step").put("min", 1 - steps)
                .put("max", forecast.size() / count);
        option.putObject("yAxis").put("type", "value").put("scale", true)
                .put("name", series == null || series.isEmpty() ? "" : series.getFirst());
        ArrayNode all = option.putArray("series");
        ArrayNode given = all.addObject().put("name", "window").put("type", "line").putArray("data");
        for (int t = 0; t < steps; t++) {
            given.addArray().add(t + 1 - steps).add(window.get(t * perStep).asDouble());
        }
        ObjectNode ahead = all.addObject().put("name", "forecast").put("type", "line");
        ahead.putObject("lineStyle").put("type", "dashed");
        ArrayNode data = ahead.putArray("data");
        if (steps > 0) {
            data.addArray().add(0).add(window.get((steps - 1) * perStep).asDouble()); // joins the window's last value
        }
        for (int h = 0; h < forecast.size() / count; h++) {
            data.addArray().add(h + 1).add(forecast.get(h * count));
        }
        setOption(option);
        setVisible(true);
    }
}
