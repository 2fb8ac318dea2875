package dev.netwright.frontend.ui.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Apache ECharts chart (netwright-chart.ts) whose option is built on the server as JSON.
 * {@link #setOption} replaces everything and survives re-attachment; {@link #mergeOption} and
 * {@link #appendData} change the live chart only, which is what streaming curves need.
 * The element's {@code data-points} attribute counts the points across all series.
 */
@Tag("nw-chart")
@JsModule("./ui/netwright-chart.ts")
@NpmPackage(value = "echarts", version = "6.1.0")
public class Chart extends Component implements HasSize {

    public Chart() {
        setWidthFull();
        setHeight("320px");
    }

    /** Replaces the chart's whole option (ECharts option object as JSON text). */
    public void setOption(String echartsOptionJson) {
        getElement().setProperty("option", echartsOptionJson);
    }

    public void setOption(JsonNode option) {
        setOption(JsonMapper.shared().writeValueAsString(option));
    }

    /** Merges into the current option with ECharts' merge rules (series matched by index or id). */
    public void mergeOption(String echartsOptionJson) {
        getElement().callJsFunction("mergeOption", echartsOptionJson);
    }

    /** Appends points (a JSON array of data items, e.g. {@code [[1, 0.5], [2, 0.4]]}) to one series. */
    public void appendData(int seriesIndex, String pointsJsonArray) {
        getElement().callJsFunction("appendData", seriesIndex, pointsJsonArray);
    }

    public Registration addPointClickListener(ComponentEventListener<PointClickEvent> listener) {
        return addListener(PointClickEvent.class, listener);
    }

    /** A click on a data item: which series, which item, and its name (category or series name). */
    @DomEvent("nw-chart-click")
    public static class PointClickEvent extends ComponentEvent<Chart> {
        private final int seriesIndex;
        private final int dataIndex;
        private final String name;

        public PointClickEvent(Chart source, boolean fromClient, @EventData("event.detail") String detail) {
            super(source, fromClient);
            JsonNode json = JsonMapper.shared().readTree(detail);
            this.seriesIndex = json.path("seriesIndex").asInt(-1);
            this.dataIndex = json.path("dataIndex").asInt(-1);
            this.name = json.path("name").asString("");
        }

        public int seriesIndex() {
            return seriesIndex;
        }

        public int dataIndex() {
            return dataIndex;
        }

        public String name() {
            return name;
        }
    }
}
