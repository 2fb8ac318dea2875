package dev.netwright.frontend.learn;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small pieces of ECharts option JSON the learn pages share: [x, y] point arrays and line series. */
public final class ChartJson {
    private static final JsonMapper JSON = JsonMapper.shared();

    private ChartJson() {
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** [[x0, y0], [x1, y1], ...]; non-finite y values become null so ECharts leaves a gap instead of failing. */
    public static ArrayNode points(double[] x, double[] y) {
        ArrayNode data = array();
        for (int i = 0; i < x.length; i++) {
            ArrayNode p = data.addArray().add(x[i]);
            if (Double.isFinite(y[i])) {
                p.add(y[i]);
            } else {
                p.addNull();
            }
        }
        return data;
    }

    /** A line series without point symbols. */
    public static ObjectNode line(String name, ArrayNode data) {
        ObjectNode s = object().put("type", "line").put("name", name).put("showSymbol", false);
        s.set("data", data);
        return s;
    }

    /** A value axis with a name. */
    public static ObjectNode axis(String type, String name) {
        return object().put("type", type).put("name", name).put("nameLocation", "middle").put("nameGap", 28);
    }

    public static String text(ObjectNode option) {
        return JSON.writeValueAsString(option);
    }
}
