package dev.netwright.designer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One layer of a design.
 *
 * @param id       unique within the design; edges and networks refer to it
 * @param type     a layer kind's type name from the catalog (e.g. {@code Dense})
 * @param params   parameter values as given (JSON values: Integer, Long, Double, String, Boolean, List); absent
 *                 parameters take the kind's default. Kept as given so a design round-trips unchanged.
 * @param position canvas position
 * @param frozen   true when fine-tuning keeps this node's weights fixed (its parameters do not train)
 */
public record Node(String id, String type, Map<String, Object> params, Position position, boolean frozen) {
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
        position = position == null ? Position.ORIGIN : position;
    }

    public Node(String id, String type, Map<String, Object> params, Position position) {
        this(id, type, params, position, false);
    }

    public Node(String id, String type, Map<String, Object> params) {
        this(id, type, params, Position.ORIGIN);
    }

    public Node withParams(Map<String, Object> newParams) {
        return new Node(id, type, newParams, position, frozen);
    }

    /** A copy with one parameter set (other parameters kept). */
    public Node withParam(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new Node(id, type, copy, position, frozen);
    }

    public Node withPosition(Position newPosition) {
        return new Node(id, type, params, newPosition, frozen);
    }

    /** A copy frozen (weights fixed in fine-tuning) or trainable. */
    public Node withFrozen(boolean newFrozen) {
        return new Node(id, type, params, position, newFrozen);
    }
}
