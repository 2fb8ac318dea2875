package dev.netwright.designer.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's parameter values after checking against its kind: canonical types, defaults filled in.
 * Only valid values reach shape rules and cost formulas.
 */
public final class LayerParams {
    private final Map<String, Object> values;

    LayerParams(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Values for tests and callers that build parameters in code; unchecked. */
    public static LayerParams of(Map<String, Object> values) {
        return new LayerParams(values);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public int integer(String name) {
        return ((Number) require(name)).intValue();
    }

    public double real(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    public String string(String name) {
        return (String) require(name);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> intList(String name) {
        return (List<Integer>) require(name);
    }

    /**
     * A per-axis parameter expanded to {@code axes} values: a single integer applies to every axis.
     *
     * @throws ShapeException when a list has the wrong length
     */
    public int[] perAxis(String name, int axes) throws ShapeException {
        Object v = require(name);
        int[] out = new int[axes];
        if (v instanceof Number n) {
            java.util.Arrays.fill(out, n.intValue());
            return out;
        }
        List<?> list = (List<?>) v;
        if (list.size() != axes) {
            throw new ShapeException("'" + name + "' has " + list.size() + " values but this layer has " + axes
                    + " spatial axes", "give one integer, or a list of " + axes, name);
        }
        for (int i = 0; i < axes; i++) {
            out[i] = ((Number) list.get(i)).intValue();
        }
        return out;
    }

    /** Like {@link #perAxis} but returns {@code fallback} when the parameter was left out. */
    public int[] perAxisOr(String name, int axes, int[] fallback) throws ShapeException {
        return has(name) ? perAxis(name, axes) : fallback.clone();
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("parameter '" + name + "' has no value");
        }
        return v;
    }
}
