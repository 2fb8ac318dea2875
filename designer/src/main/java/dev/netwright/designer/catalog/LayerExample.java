package dev.netwright.designer.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One example configuration of a layer kind: the sample shape fed to it and the parameters set (the others keep
 * their defaults). Every target's tests (DJL compilation, ONNX export) run every kind's examples, so a new kind is
 * covered by its catalog entry alone. Multi-input kinds get one branch per port (see
 * {@code DesignBuilder.example}).
 *
 * @param inputShape shape of one sample, without the batch
 * @param params     parameter values by name, in the order given
 */
public record LayerExample(List<Integer> inputShape, Map<String, Object> params) {
    /** [time, features]: sequences, and vectors at every step. */
    public static final List<Integer> SEQUENCE = List.of(10, 6);
    /** [channels, height, width]. */
    public static final List<Integer> IMAGE = List.of(3, 8, 8);

    public LayerExample {
        inputShape = List.copyOf(inputShape);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** An example from name/value pairs: {@code of(SEQUENCE, "units", 5, "activation", "relu")}. */
    public static LayerExample of(List<Integer> inputShape, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name/value pairs");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new LayerExample(inputShape, params);
    }

    /** The parameters as alternating names and values. */
    public Object[] namesAndValues() {
        Object[] out = new Object[params.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : params.entrySet()) {
            out[i++] = e.getKey();
            out[i++] = e.getValue();
        }
        return out;
    }
}
