package dev.netwright.frontend.run;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import dev.netwright.frontend.ui.chart.Chart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A forecaster's test part with its forecast overlaid, and its errors beside the naive forecasts, as the engine saved
 * them with the model ({@code forecast.json}).
 */
final class ForecastView extends Div {
    private static final String FILE = dev.netwright.engine.run.Forecasts.FILE;

    private ForecastView(JsonNode forecast) {
        getElement().setAttribute("data-testid", "forecast");
        add(new H3("Forecast on the test part"));
        JsonNode r = forecast.path("report");
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "test RMSE %.4f, MAE %.4f over %d windows; "
                + "naive (last value) RMSE %.4f, MAE %.4f", r.path("rmse").asDouble(), r.path("mae").asDouble(),
                r.path("samples").asInt(), r.path("naiveRmse").asDouble(), r.path("naiveMae").asDouble()));
        if (r.path("seasonLength").asInt() > 0) {
            text.append(String.format(Locale.ROOT, "; seasonal naive (season %d) RMSE %.4f, MAE %.4f",
                    r.path("seasonLength").asInt(), r.path("seasonalRmse").asDouble(),
                    r.path("seasonalMae").asDouble()));
        }
        Paragraph summary = new Paragraph(text + ".");
        summary.getElement().setAttribute("data-testid", "forecast-errors");
        add(summary);
        Chart chart = new Chart();
        chart.setHeight("340px");
        chart.getElement().setAttribute("data-testid", "forecast-chart");
        chart.setOption(option(forecast.path("chart")));
        add(chart);
    }

    static ObjectNode option(JsonNode chart) {
        ObjectNode option = JsonMapper.shared().createObjectNode();
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("legend").putArray("data").add("actual").add("forecast");
        option.putObject("grid").put("left", 60).put("right", 30).put("top", 40).put("bottom", 40);
        option.putObject("xAxis").put("type", "value").put("name", "step").put("min", "dataMin")
                .put("max", "dataMax");
        option.putObject("yAxis").put("type", "value").put("name", chart.path("column").asString()).put("scale", true);
        ArrayNode series = option.putArray("series");
        ObjectNode actual = series.addObject().put("name", "actual").put("type", "line").put("showSymbol", false);
        ObjectNode forecast = series.addObject().put("name", "forecast").put("type", "line").put("showSymbol", false);
        forecast.putObject("lineStyle").put("type", "dashed");
        ArrayNode a = actual.putArray("data");
        ArrayNode f = forecast.putArray("data");
        JsonNode steps = chart.path("steps");
        for (int i = 0; i < steps.size(); i++) {
            a.addArray().add(steps.get(i).asInt()).add(chart.path("actual").get(i).asDouble());
            JsonNode v = chart.path("forecast").get(i);
            if (v != null && !v.isNull()) {
                f.addArray().add(steps.get(i).asInt()).add(v.asDouble());
            }
        }
        // where the test part starts
        actual.putObject("markLine").put("symbol", "none").putArray("data").addObject()
                .put("xAxis", chart.path("testStart").asInt()).put("name", "test part");
        return option;
    }

    /** The view for a finished forecaster's artifact, or empty for any other model. */
    static Optional<ForecastView> of(Path zip) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.getName().equals(FILE) || e.getName().endsWith("/" + FILE)) {
                    return Optional.of(new ForecastView(JsonMapper.shared().readTree(z.getInputStream(e))));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's artifact " + zip, e);
        }
    }
}
