package dev.netwright.designer.format;

import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the parts of a graph: layers with their parameters (known type and parameter names, parameter values as
 * numbers, strings, booleans or lists), positions and connections.
 */
class LayerReader extends JsonFields {
    private static final Set<String> NODE_FIELDS = Set.of("id", "type", "params", "position", "frozen");
    private static final Set<String> EDGE_FIELDS = Set.of("from", "to", "toPort");

    private final LayerCatalog catalog;

    LayerReader(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    Node node(JsonNode o, String path) {
        if (!o.isObject()) {
            errors.add(new FormatError(path, "a node must be an object with id, type and params"));
            return null;
        }
        unknownFields(o, path, NODE_FIELDS);
        String id = text(o, path, "id", true);
        String type = text(o, path, "type", true);
        if (id != null && id.isBlank()) {
            errors.add(new FormatError(path + ".id", "node id must not be empty"));
            id = null;
        }
        LayerKind kind = null;
        boolean instance = BlockInstance.TYPE.equals(type);
        if (type != null && !instance) {
            kind = catalog.find(type).orElse(null);
            if (kind == null) {
                errors.add(new FormatError(path + ".type", "unknown layer type '" + type + "'; known types: "
                        + String.join(", ", catalog.types())));
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode p = o.get("params");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                errors.add(new FormatError(path + ".params", "params must be an object"));
            } else {
                for (Map.Entry<String, JsonNode> e : p.properties()) {
                    String ppath = path + ".params." + e.getKey();
                    if (kind != null && kind.params().stream().noneMatch(s -> s.name().equals(e.getKey()))) {
                        errors.add(new FormatError(ppath, "unknown parameter '" + e.getKey() + "' for " + type
                                + (kind.params().isEmpty() ? " (it takes none)" : "; known: " + String.join(", ",
                                kind.params().stream().map(ParamSpec::name).toList()))));
                        continue;
                    }
                    Object v = value(e.getValue(), ppath);
                    if (instance && e.getKey().equals(BlockInstance.BLOCK) && !(v instanceof String)) {
                        errors.add(new FormatError(ppath, "'block' must be the block's name (a string)"));
                    } else if (instance && e.getKey().equals(BlockInstance.VERSION)
                            && !(v instanceof Integer ver && ver >= 1)) {
                        errors.add(new FormatError(ppath, "'version' must be an integer >= 1"));
                    }
                    if (v != null) {
                        params.put(e.getKey(), v);
                    }
                }
            }
        }
        if (instance && (!params.containsKey(BlockInstance.BLOCK) || !params.containsKey(BlockInstance.VERSION))) {
            errors.add(new FormatError(path + ".params", "a Block node needs params 'block' (the block's name) "
                    + "and 'version' (the pinned version)"));
        }
        JsonNode pos = o.get("position");
        Position position = pos == null || pos.isNull() ? Position.ORIGIN : position(pos, path + ".position");
        boolean frozen = false;
        JsonNode fz = o.get("frozen");
        if (fz != null && !fz.isNull()) {
            if (!fz.isBoolean()) {
                errors.add(new FormatError(path + ".frozen", "frozen must be true or false"));
            } else {
                frozen = fz.booleanValue();
            }
        }
        return id == null || type == null ? null
                : new Node(id, type, params, position == null ? Position.ORIGIN : position, frozen);
    }

    /** A position, or null (with the error recorded) when it is not {"x": number, "y": number}. */
    Position position(JsonNode pos, String path) {
        if (!pos.isObject() || !pos.path("x").isNumber() || !pos.path("y").isNumber()) {
            errors.add(new FormatError(path, "position must be an object {\"x\": number, \"y\": number}"));
            return null;
        }
        return new Position(pos.get("x").doubleValue(), pos.get("y").doubleValue());
    }

    Object value(JsonNode v, String path) {
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                Object e = value(v.get(i), path + "[" + i + "]");
                if (e == null) {
                    return null;
                }
                list.add(e);
            }
            return list;
        }
        errors.add(new FormatError(path, "a parameter value must be a number, string, boolean or list"));
        return null;
    }

    /** @param ids the layers the edge may name, or null when the caller checks that itself */
    Edge edge(JsonNode o, String path, Set<String> ids) {
        if (!o.isObject()) {
            errors.add(new FormatError(path, "an edge must be an object {\"from\", \"to\", \"toPort\"}"));
            return null;
        }
        unknownFields(o, path, EDGE_FIELDS);
        String from = text(o, path, "from", true);
        String to = text(o, path, "to", true);
        int port = 0;
        JsonNode p = o.get("toPort");
        if (p != null && !p.isNull()) {
            if (!p.isIntegralNumber() || !p.canConvertToInt() || p.intValue() < 0) {
                errors.add(new FormatError(path + ".toPort", "toPort must be an integer >= 0"));
            } else {
                port = p.intValue();
            }
        }
        if (ids != null && from != null && !ids.contains(from)) {
            errors.add(new FormatError(path + ".from", "no node has the id '" + from + "'"));
        }
        if (ids != null && to != null && !ids.contains(to)) {
            errors.add(new FormatError(path + ".to", "no node has the id '" + to + "'"));
        }
        return from == null || to == null ? null : new Edge(from, to, port);
    }
}
