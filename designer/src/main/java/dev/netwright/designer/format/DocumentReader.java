package dev.netwright.designer.format;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockParam;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads a whole design document and its block definitions on top of the graph parts {@link LayerReader} reads. */
final class DocumentReader extends LayerReader {
    private static final Set<String> TOP_FIELDS = Set.of("format", "name", "description", "nodes", "edges", "networks",
            "blocks");
    private static final Set<String> BLOCK_FIELDS = Set.of("name", "version", "description", "inputs", "output",
            "params", "nodes", "edges");
    private static final Set<String> BLOCK_PARAM_FIELDS = Set.of("name", "type", "default", "description");

    DocumentReader(LayerCatalog catalog) {
        super(catalog);
    }

    Design design(JsonNode root) throws DesignFormatException {
        if (!root.isObject()) {
            throw new DesignFormatException(List.of(new FormatError("$", "a design must be a JSON object")));
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isString()) {
            throw new DesignFormatException(List.of(new FormatError("$.format",
                    "missing format tag; expected \"" + Design.FORMAT + "\"")));
        }
        if (!Design.FORMAT.equals(format.stringValue())) {
            throw new DesignFormatException(List.of(new FormatError("$.format", "unsupported format '"
                    + format.stringValue() + "'; this version reads \"" + Design.FORMAT + "\"")));
        }
        unknownFields(root, "$", TOP_FIELDS);
        String name = text(root, "$", "name", true);
        String description = text(root, "$", "description", false);
        List<Node> nodes = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        JsonNode nodeArray = array(root, "$", "nodes", true);
        for (int i = 0; nodeArray != null && i < nodeArray.size(); i++) {
            Node n = node(nodeArray.get(i), "$.nodes[" + i + "]");
            if (n != null && !ids.add(n.id())) {
                errors.add(new FormatError("$.nodes[" + i + "].id", "duplicate node id '" + n.id() + "'"));
            } else if (n != null) {
                nodes.add(n);
            }
        }
        List<Edge> edges = new ArrayList<>();
        JsonNode edgeArray = array(root, "$", "edges", false);
        for (int i = 0; edgeArray != null && i < edgeArray.size(); i++) {
            Edge e = edge(edgeArray.get(i), "$.edges[" + i + "]", ids);
            if (e != null) {
                edges.add(e);
            }
        }
        List<Network> networks = new ArrayList<>();
        JsonNode netArray = array(root, "$", "networks", false);
        for (int i = 0; netArray != null && i < netArray.size(); i++) {
            Network net = network(netArray.get(i), "$.networks[" + i + "]", ids);
            if (net != null) {
                networks.add(net);
            }
        }
        List<BlockDefinition> blocks = new ArrayList<>();
        JsonNode blockArray = array(root, "$", "blocks", false);
        Set<String> refs = new java.util.HashSet<>();
        for (int i = 0; blockArray != null && i < blockArray.size(); i++) {
            BlockDefinition b = block(blockArray.get(i), "$.blocks[" + i + "]");
            if (b != null && !refs.add(b.name() + "\u0000" + b.version())) {
                errors.add(new FormatError("$.blocks[" + i + "]", "block " + b.ref() + " is defined twice"));
            } else if (b != null) {
                blocks.add(b);
            }
        }
        if (!errors.isEmpty()) {
            throw new DesignFormatException(errors);
        }
        return new Design(name == null ? "" : name, description, nodes, edges, networks, blocks);
    }

    BlockDefinition block(JsonNode o, String path) {
        if (!o.isObject()) {
            errors.add(new FormatError(path, "a block must be an object with name, version, inputs, output, "
                    + "params, nodes and edges"));
            return null;
        }
        int before = errors.size();
        unknownFields(o, path, BLOCK_FIELDS);
        String name = text(o, path, "name", true);
        String description = text(o, path, "description", false);
        JsonNode v = o.get("version");
        int version = 0;
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            errors.add(new FormatError(path + ".version", "version must be an integer >= 1"));
        } else {
            version = v.intValue();
        }
        List<String> inputs = new ArrayList<>();
        JsonNode in = array(o, path, "inputs", true);
        for (int i = 0; in != null && i < in.size(); i++) {
            if (!in.get(i).isString() || in.get(i).stringValue().isBlank()) {
                errors.add(new FormatError(path + ".inputs[" + i + "]", "an input port is a non-empty name"));
            } else {
                inputs.add(in.get(i).stringValue());
            }
        }
        if (in != null && in.isEmpty()) {
            errors.add(new FormatError(path + ".inputs", "a block needs at least one input port"));
        }
        List<BlockParam> params = new ArrayList<>();
        JsonNode ps = array(o, path, "params", false);
        for (int i = 0; ps != null && i < ps.size(); i++) {
            BlockParam p = blockParam(ps.get(i), path + ".params[" + i + "]");
            if (p != null) {
                params.add(p);
            }
        }
        List<Node> nodes = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>(inputs);
        JsonNode nodeArray = array(o, path, "nodes", true);
        for (int i = 0; nodeArray != null && i < nodeArray.size(); i++) {
            Node n = node(nodeArray.get(i), path + ".nodes[" + i + "]");
            if (n != null && !ids.add(n.id())) {
                errors.add(new FormatError(path + ".nodes[" + i + "].id", "node id '" + n.id()
                        + "' is used twice (node ids and input port names share one namespace)"));
            } else if (n != null) {
                nodes.add(n);
            }
        }
        List<Edge> edges = new ArrayList<>();
        JsonNode edgeArray = array(o, path, "edges", false);
        for (int i = 0; edgeArray != null && i < edgeArray.size(); i++) {
            Edge e = edge(edgeArray.get(i), path + ".edges[" + i + "]", ids);
            if (e != null) {
                edges.add(e);
            }
        }
        String output = text(o, path, "output", true);
        if (output != null && nodes.stream().noneMatch(n -> n.id().equals(output))) {
            errors.add(new FormatError(path + ".output", "no inner node has the id '" + output + "'"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new BlockDefinition(name, version, description, inputs, output, params, nodes, edges);
    }

    private BlockParam blockParam(JsonNode o, String path) {
        if (!o.isObject()) {
            errors.add(new FormatError(path, "an exposed parameter is an object {\"name\", \"type\", \"default\"}"));
            return null;
        }
        unknownFields(o, path, BLOCK_PARAM_FIELDS);
        String name = text(o, path, "name", true);
        String type = text(o, path, "type", true);
        String description = text(o, path, "description", false);
        ParamType paramType = null;
        if (type != null) {
            try {
                paramType = ParamType.valueOf(type);
            } catch (IllegalArgumentException e) {
                errors.add(new FormatError(path + ".type", "unknown parameter type '" + type + "'; known: "
                        + String.join(", ", java.util.Arrays.stream(ParamType.values()).map(Enum::name).toList())));
            }
        }
        JsonNode d = o.get("default");
        Object defaultValue = null;
        if (d == null || d.isNull()) {
            errors.add(new FormatError(path + ".default", "missing required field 'default'"));
        } else {
            defaultValue = value(d, path + ".default");
        }
        if (name != null && (name.equals(BlockInstance.BLOCK) || name.equals(BlockInstance.VERSION))) {
            errors.add(new FormatError(path + ".name", "'" + name + "' is reserved for the block reference"));
            return null;
        }
        return name == null || paramType == null || defaultValue == null ? null
                : new BlockParam(name, paramType, defaultValue, description);
    }

    private Network network(JsonNode o, String path, Set<String> ids) {
        if (!o.isObject()) {
            errors.add(new FormatError(path, "a network must be an object {\"name\", \"nodes\"}"));
            return null;
        }
        unknownFields(o, path, Set.of("name", "nodes"));
        String name = text(o, path, "name", true);
        JsonNode arr = array(o, path, "nodes", true);
        List<String> members = new ArrayList<>();
        for (int i = 0; arr != null && i < arr.size(); i++) {
            JsonNode id = arr.get(i);
            if (!id.isString()) {
                errors.add(new FormatError(path + ".nodes[" + i + "]", "must be a node id (string)"));
            } else if (!ids.contains(id.stringValue())) {
                errors.add(new FormatError(path + ".nodes[" + i + "]", "no node has the id '" + id.stringValue() + "'"));
            } else {
                members.add(id.stringValue());
            }
        }
        return name == null ? null : new Network(name, members);
    }
}
