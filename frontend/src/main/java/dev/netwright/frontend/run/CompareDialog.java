package dev.netwright.frontend.run;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import dev.netwright.backend.metrics.MetricRecord;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.RunView;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.frontend.ui.chart.Chart;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Several runs overlaid: validation loss per epoch (train loss where a run had no validation) and their settings. */
final class CompareDialog extends Dialog {

    CompareDialog(List<RunView> runs, RunMetricsStore store) {
        setHeaderTitle("Compare " + runs.size() + " runs");
        setWidth("min(70rem, 95vw)");
        getElement().setAttribute("data-testid", "compare-dialog");
        Chart chart = new Chart();
        chart.getElement().setAttribute("data-testid", "compare-chart");
        chart.setOption(curves(runs, store));
        Grid<RunComparison.Row> grid = new Grid<>();
        grid.addColumn(RunComparison.Row::setting).setHeader("Setting").setAutoWidth(true).setFrozen(true);
        for (int i = 0; i < runs.size(); i++) {
            int index = i;
            grid.addColumn(r -> r.values().get(index)).setHeader(label(runs.get(i), i)).setAutoWidth(true);
        }
        grid.setPartNameGenerator(r -> r.differs() ? "nw-differs" : null);
        grid.setItems(RunComparison.rows(runs));
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "compare-table");
        add(new H4("Validation loss per epoch"), chart, new H4("Settings (differences highlighted)"), grid);
        getFooter().add(new Button("Close", e -> close()));
    }

    private static String label(RunView r, int i) {
        return "#" + (i + 1) + " " + r.designName() + " v" + r.designVersion() + " · " + r.id().toString()
                .substring(0, 8);
    }

    private static ObjectNode curves(List<RunView> runs, RunMetricsStore store) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode o = json.createObjectNode();
        o.put("animation", false);
        o.putObject("tooltip").put("trigger", "axis");
        o.putObject("legend").put("top", 0).put("type", "scroll");
        o.putObject("grid").put("left", 64).put("right", 20).put("top", 40).put("bottom", 36);
        o.putObject("xAxis").put("type", "value").put("name", "epoch").put("nameLocation", "middle")
                .put("nameGap", 24).put("minInterval", 1);
        o.putObject("yAxis").put("type", "value").put("name", "loss").put("scale", true);
        ArrayNode series = o.putArray("series");
        for (int i = 0; i < runs.size(); i++) {
            ArrayNode data = json.createArrayNode();
            long after = 0;
            List<MetricRecord> page;
            do {
                page = store.after(runs.get(i).id(), after, 2000, MetricKind.EPOCH);
                for (MetricRecord r : page) {
                    after = r.seq();
                    JsonNode p = json.readTree(r.payload());
                    double loss = Payloads.number(p.path("validation"), "loss");
                    if (Double.isNaN(loss)) {
                        loss = p.has("discriminatorLoss") ? Payloads.number(p, "generatorLoss")
                                : Payloads.number(p.path("train"), "loss");
                    }
                    if (Double.isFinite(loss)) {
                        data.addArray().add(p.path("epoch").asInt()).add(loss);
                    }
                }
            } while (page.size() == 2000);
            series.addObject().put("name", label(runs.get(i), i)).put("type", "line").set("data", data);
        }
        return o;
    }
}
