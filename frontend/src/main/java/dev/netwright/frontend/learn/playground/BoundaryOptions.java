package dev.netwright.frontend.learn.playground;

import dev.netwright.backend.learn.PlaygroundRun;
import dev.netwright.frontend.learn.ChartJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ECharts options for the decision-boundary plot: series 0 is the grid of square cells coloured by the model's
 * P(class 1), series 1 and 2 the training points of each class on top.
 */
final class BoundaryOptions {
    /** Plot area in pixels; the chart is sized to it plus the margins so cells tile without gaps. */
    static final int PLOT = 400;
    static final int MARGIN = 40;

    private BoundaryOptions() {
    }

    static String initial(PlaygroundRun.Points train, PlaygroundRun.Bounds bounds) {
        ObjectNode option = ChartJson.object();
        option.put("animation", false);
        option.putObject("grid").put("left", MARGIN).put("right", MARGIN).put("top", MARGIN).put("bottom", MARGIN);
        option.set("xAxis", axis(bounds.minX(), bounds.span()));
        option.set("yAxis", axis(bounds.minY(), bounds.span()));
        ObjectNode visual = option.putObject("visualMap").put("type", "continuous").put("min", 0).put("max", 1)
                .put("dimension", 2).put("seriesIndex", 0).put("show", false);
        visual.putObject("inRange").putArray("color").add("#9ec5fe").add("#f5f5f5").add("#ffc99e");
        ArrayNode series = option.putArray("series");
        double cell = (double) PLOT / PlaygroundRun.GRID;
        series.addObject().put("type", "scatter").put("name", "prediction").put("symbol", "rect")
                .put("symbolSize", Math.ceil(cell) + 1).put("silent", true).putArray("data");
        String[] colours = {"#1c64c8", "#e8590c"};
        for (int c = 0; c < 2; c++) {
            ArrayNode data = ChartJson.array();
            for (int i = 0; i < train.size(); i++) {
                if (Math.round(train.labels()[i]) == c) {
                    data.addArray().add(round(train.xy()[2 * i])).add(round(train.xy()[2 * i + 1]));
                }
            }
            ObjectNode s = series.addObject().put("type", "scatter").put("name", "class " + c).put("symbolSize", 6);
            s.putObject("itemStyle").put("color", colours[c]).put("borderColor", "#ffffff").put("borderWidth", 0.5);
            s.set("data", data);
        }
        return ChartJson.text(option);
    }

    /** Replaces the grid series' data (series merge by index, so the points stay). */
    static String grid(PlaygroundRun.Frame frame, PlaygroundRun.Bounds bounds) {
        ObjectNode option = ChartJson.object();
        ArrayNode data = option.putArray("series").addObject().putArray("data");
        float[] p = frame.probabilities();
        for (int row = 0; row < PlaygroundRun.GRID; row++) {
            for (int col = 0; col < PlaygroundRun.GRID; col++) {
                data.addArray().add(round(bounds.x(col))).add(round(bounds.y(row)))
                        .add(round(p[row * PlaygroundRun.GRID + col]));
            }
        }
        return ChartJson.text(option);
    }

    /** Empty grid, for reset. */
    static String clearedGrid() {
        ObjectNode option = ChartJson.object();
        option.putArray("series").addObject().putArray("data");
        return ChartJson.text(option);
    }

    private static ObjectNode axis(double min, double span) {
        ObjectNode a = ChartJson.object().put("type", "value").put("min", round(min)).put("max", round(min + span));
        a.putObject("splitLine").put("show", false);
        return a;
    }

    /** Three decimals are plenty on a 400 px plot and keep each update small. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
