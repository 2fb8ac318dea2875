package dev.netwright.frontend.run;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.netwright.frontend.ui.chart.Chart;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A finished run's results: test metrics on the held-out split (evaluated with the best checkpoint), the confusion
 * matrix as a heatmap and per-class precision, recall and F1 for classifiers, and the trained model's download.
 */
final class RunResults extends Div {
    /** One row of the per-class table. */
    record ClassRow(String name, double precision, double recall, double f1, long support) {
    }

    RunResults() {
        addClassName("nw-run-results");
        getElement().setAttribute("data-testid", "run-results");
        setVisible(false);
    }

    /** Shows the test report (an EVALUATION payload); replaces what was shown before. */
    void showTest(JsonNode test) {
        removeAll();
        setVisible(true);
        add(new H3("Test results"));
        Div figures = new Div();
        figures.addClassName("nw-run-figures");
        figures.getElement().setAttribute("data-testid", "test-metrics");
        if (test.has("accuracy")) {
            figures.add(figure("Accuracy", percent(test.path("accuracy").asDouble())),
                    figure("Macro F1", String.format("%.3f", test.path("macroF1").asDouble())));
        } else {
            figures.add(figure("MAE", String.format("%.4g", test.path("mae").asDouble())),
                    figure("RMSE", String.format("%.4g", test.path("rmse").asDouble())),
                    figure("R²", String.format("%.3f", test.path("r2").asDouble())));
        }
        figures.add(figure("Loss", String.format("%.4g", test.path("loss").asDouble())),
                figure("Test samples", String.format("%,d", test.path("samples").asLong())));
        add(figures);
        JsonNode confusion = test.path("confusion");
        if (confusion.has("counts")) {
            Chart heatmap = new Chart();
            int n = confusion.path("classNames").size();
            heatmap.setHeight(Math.max(320, 60 + 34 * n) + "px");
            heatmap.getElement().setAttribute("data-testid", "confusion-matrix");
            heatmap.setOption(confusionOption(confusion));
            add(new H3("Confusion matrix"), heatmap, new H3("Per class"), classTable(test.path("perClass")));
        }
    }

    void showArtifact(UUID runId) {
        Anchor download = new Anchor("/api/runs/" + runId + "/artifact", "Download the trained model (ZIP)");
        download.getElement().setAttribute("download", true);
        download.getElement().setAttribute("router-ignore", true);
        download.getElement().setAttribute("data-testid", "artifact-download");
        Anchor pytorch = new Anchor("/api/runs/" + runId + "/pytorch", "Export as PyTorch (code and weights, ZIP)");
        pytorch.getElement().setAttribute("download", true);
        pytorch.getElement().setAttribute("router-ignore", true);
        pytorch.getElement().setAttribute("data-testid", "pytorch-download");
        setVisible(true);
        addComponentAsFirst(new com.vaadin.flow.component.html.Div(download, new com.vaadin.flow.component.html.Span(" · "),
                pytorch));
    }

    /** Rows: true class (top to bottom), columns: predicted class; the cell colour and label are the counts. */
    static ObjectNode confusionOption(JsonNode confusion) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode o = json.createObjectNode();
        ArrayNode names = json.createArrayNode();
        confusion.path("classNames").forEach(names::add);
        long max = 1;
        ArrayNode cells = json.createArrayNode();
        JsonNode counts = confusion.path("counts");
        for (int t = 0; t < counts.size(); t++) {
            for (int p = 0; p < counts.get(t).size(); p++) {
                long c = counts.get(t).get(p).asLong();
                max = Math.max(max, c);
                cells.addArray().add(p).add(t).add(c);
            }
        }
        o.put("animation", false);
        o.putObject("tooltip").put("position", "top");
        o.putObject("grid").put("left", 110).put("right", 30).put("top", 20).put("bottom", 90);
        o.putObject("xAxis").put("type", "category").put("name", "predicted").put("nameLocation", "middle")
                .put("nameGap", 60).set("data", names.deepCopy());
        ((ObjectNode) o.get("xAxis")).putObject("axisLabel").put("rotate", 30);
        o.putObject("yAxis").put("type", "category").put("name", "true").put("inverse", true)
                .set("data", names);
        o.putObject("visualMap").put("min", 0).put("max", max).put("calculable", true).put("orient", "horizontal")
                .put("left", "center").put("bottom", 0).put("itemHeight", 120);
        ObjectNode series = o.putArray("series").addObject();
        series.put("name", "samples").put("type", "heatmap").set("data", cells);
        series.putObject("label").put("show", true);
        return o;
    }

    static List<ClassRow> classRows(JsonNode perClass) {
        List<ClassRow> rows = new ArrayList<>();
        for (JsonNode c : perClass) {
            rows.add(new ClassRow(c.path("className").asString(), c.path("precision").asDouble(),
                    c.path("recall").asDouble(), c.path("f1").asDouble(), c.path("support").asLong()));
        }
        return rows;
    }

    private static Grid<ClassRow> classTable(JsonNode perClass) {
        Grid<ClassRow> grid = new Grid<>();
        grid.addColumn(ClassRow::name).setHeader("Class").setAutoWidth(true);
        grid.addColumn(r -> String.format("%.3f", r.precision())).setHeader("Precision");
        grid.addColumn(r -> String.format("%.3f", r.recall())).setHeader("Recall");
        grid.addColumn(r -> String.format("%.3f", r.f1())).setHeader("F1");
        grid.addColumn(r -> String.format("%,d", r.support())).setHeader("Support");
        grid.setItems(classRows(perClass));
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "per-class-table");
        return grid;
    }

    private static Div figure(String label, String value) {
        Span l = new Span(label);
        l.addClassName("nw-totals-label");
        Span v = new Span(value);
        v.addClassName("nw-totals-value");
        Div d = new Div(l, v);
        d.addClassName("nw-totals-item");
        return d;
    }

    static String percent(double share) {
        return String.format("%.1f %%", share * 100);
    }
}
