package dev.netwright.frontend.run;

import dev.netwright.frontend.ui.chart.Chart;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A line chart of (x, y) series that first shows a run's stored history in one go and then grows point by point.
 * Points added before {@link #goLive()} are only collected (a history of thousands of batches becomes one option);
 * afterwards each point is appended to the browser's chart at once.
 */
final class LiveChart {
    private static final JsonMapper JSON = JsonMapper.shared();
    private final Chart chart = new Chart();
    private String title;
    private final String xName;
    private String yName;
    private final List<String> names = new ArrayList<>();
    private final List<ArrayNode> data = new ArrayList<>();
    private boolean live;
    private boolean logScale;

    LiveChart(String testId, String title, String xName, String yName, String... series) {
        this.title = title;
        this.xName = xName;
        this.yName = yName;
        for (String s : series) {
            names.add(s);
            data.add(JSON.createArrayNode());
        }
        chart.setHeight("260px");
        chart.getElement().setAttribute("data-testid", testId);
    }

    Chart component() {
        return chart;
    }

    /** For a chart whose meaning is known only from the first points (accuracy or MAE). */
    void retitle(String newTitle, String newYName) {
        title = newTitle;
        yName = newYName;
    }

    LiveChart logScale() {
        logScale = true;
        return this;
    }

    void add(int series, double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || (logScale && y <= 0)) {
            return; // a diverged loss is reported as a message; ECharts cannot place NaN or log(0) anyway
        }
        ArrayNode point = JSON.createArrayNode().add(x).add(y);
        data.get(series).add(point);
        if (live) {
            chart.appendData(series, "[" + point + "]");
        }
    }

    int points() {
        return data.stream().mapToInt(ArrayNode::size).sum();
    }

    /** Sends everything collected so far; later points are appended as they come. */
    void goLive() {
        chart.setOption(option());
        live = true;
    }

    ObjectNode option() {
        ObjectNode o = JSON.createObjectNode();
        o.put("animation", false);
        o.putObject("title").put("text", title).put("left", "center").putObject("textStyle").put("fontSize", 13);
        o.putObject("tooltip").put("trigger", "axis");
        // the legend sits on its own line under the 13 px title and scrolls instead of wrapping into the plot
        o.putObject("legend").put("top", 28).put("type", "scroll");
        o.putObject("grid").put("left", 64).put("right", 20).put("top", 64).put("bottom", 36);
        o.putObject("xAxis").put("type", "value").put("name", xName).put("nameLocation", "middle").put("nameGap", 24)
                .put("min", 0);
        o.putObject("yAxis").put("type", logScale ? "log" : "value").put("name", yName).put("scale", true);
        ArrayNode series = o.putArray("series");
        for (int i = 0; i < names.size(); i++) {
            series.addObject().put("name", names.get(i)).put("type", "line").put("showSymbol", data.get(i).size() < 60)
                    .put("sampling", "lttb").set("data", data.get(i));
        }
        return o;
    }
}
