package dev.netwright.frontend.designer.canvas;

import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.designer.model.Node;
import java.util.ArrayList;
import java.util.List;

/** The one-line parameter summary printed on a node, e.g. {@code units 16 · activation relu}. */
final class NodeSummary {
    private static final int MAX_PARTS = 3;

    private NodeSummary() {
    }

    /** The first parameter always (it is the defining one: units, filters, shape...), then the ones set explicitly. */
    static String of(Node node, LayerKind kind) {
        List<String> parts = new ArrayList<>();
        List<ParamSpec> specs = kind.params();
        for (int i = 0; i < specs.size() && parts.size() < MAX_PARTS; i++) {
            ParamSpec spec = specs.get(i);
            Object value = node.params().get(spec.name());
            if (value == null && i == 0) {
                value = spec.defaultValue();
                if (value == null && spec.required()) {
                    parts.add(spec.name() + " ?");
                    continue;
                }
            }
            if (value != null) {
                parts.add(spec.name() + " " + format(value));
            }
        }
        return String.join(" · ", parts);
    }

    static String format(Object value) {
        if (value instanceof List<?> list) {
            return list.toString().replace(" ", "");
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e9) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
