package dev.netwright.designer.format;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockParam;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the {@code netwright-design/1} JSON format (see docs/design-format.md). Reading reports every
 * structural problem at once with its JSON path: malformed JSON, unknown format version, missing or mistyped
 * fields, unknown layer types and parameter names, duplicate ids, malformed block definitions. Parameter values and the graph itself are
 * checked by {@link dev.netwright.designer.analysis.DesignAnalyzer}. Writing produces the canonical form, which
 * reads back to an equal design.
 */
public final class DesignJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Set<String> TOP_FIELDS = Set.of("format", "name", "description", "nodes", "edges", "networks",
            "blocks");
    private static final Set<String> BLOCK_FIELDS = Set.of("name", "version", "description", "inputs", "output",
            "params", "nodes", "edges");
    private static final Set<String> BLOCK_PARAM_FIELDS = Set.of("name", "type", "default", "description");
    private static final Set<String> NODE_FIELDS = Set.of("id", "type", "params", "position", "frozen");
    private static final Set<String> EDGE_FIELDS = Set.of("from", "to", "toPort");

    private final LayerCatalog catalog;

    public DesignJson(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    public DesignJson() {
        this(LayerCatalog.standard());
    }

    public Design read(String json) throws DesignFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new DesignFormatException(List.of(new FormatError("$", "malformed JSON" + where + ": "
                    + e.getOriginalMessage())));
        }
        return new Reader().design(root);
    }

    public String write(Design design) {
        return MAPPER.writeValueAsString(toTree(design)) + "\n";
    }

    public JsonNode toTree(Design design) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", Design.FORMAT);
        root.put("name", design.name());
        root.put("description", design.description());
        writeGraph(root, design.nodes(), design.edges());
        if (design.isGan()) {
            ArrayNode networks = root.putArray("networks");
            for (Network net : design.networks()) {
                ObjectNode o = networks.addObject();
                o.put("name", net.name());
                ArrayNode ids = o.putArray("nodes");
                net.nodeIds().forEach(ids::add);
            }
        }
        if (!design.blocks().isEmpty()) {
            ArrayNode blocks = root.putArray("blocks");
            for (BlockDefinition b : design.blocks()) {
                blocks.add(blockTree(b));
            }
        }
        return root;
    }

    /** One block definition as it appears in {@code blocks[]} (what a workspace block library stores). */
    public ObjectNode blockTree(BlockDefinition b) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", b.name());
        o.put("version", b.version());
        o.put("description", b.description());
        ArrayNode inputs = o.putArray("inputs");
        b.inputs().forEach(inputs::add);
        o.put("output", b.output());
        ArrayNode params = o.putArray("params");
        for (BlockParam p : b.params()) {
            params.addObject().put("name", p.name()).put("type", p.type().name())
                    .put("description", p.description()).set("default", toJson(p.defaultValue()));
        }
        writeGraph(o, b.nodes(), b.edges());
        return o;
    }

    public String writeBlock(BlockDefinition block) {
        return MAPPER.writeValueAsString(blockTree(block)) + "\n";
    }

    /** Reads one block definition (an element of {@code blocks[]}), reporting every problem with its path. */
    public BlockDefinition readBlock(String json) throws DesignFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new DesignFormatException(List.of(new FormatError("$", "malformed JSON: " + e.getOriginalMessage())));
        }
        Reader reader = new Reader();
        BlockDefinition b = reader.block(root, "$");
        if (!reader.errors.isEmpty() || b == null) {
            throw new DesignFormatException(reader.errors.isEmpty()
                    ? List.of(new FormatError("$", "not a block definition")) : reader.errors);
        }
        return b;
    }

    private static void writeGraph(ObjectNode root, List<Node> graphNodes, List<Edge> graphEdges) {
        ArrayNode nodes = root.putArray("nodes");
        graphNodes.forEach(n -> nodes.add(nodeTree(n)));
        ArrayNode edges = root.putArray("edges");
        graphEdges.forEach(e -> edges.add(edgeTree(e)));
    }

    /** One layer as it appears in {@code nodes[]}. */
    public static ObjectNode nodeTree(Node n) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", n.id());
        o.put("type", n.type());
        ObjectNode params = o.putObject("params");
        n.params().forEach((k, v) -> params.set(k, toJson(v)));
        o.set("position", positionTree(n.position()));
        if (n.frozen()) {
            // written only when set, so trainable designs keep the exact netwright-design/1 text they had
            o.put("frozen", true);
        }
        return o;
    }

    public static ObjectNode positionTree(Position p) {
        return JsonNodeFactory.instance.objectNode().put("x", p.x()).put("y", p.y());
    }

    /** One connection as it appears in {@code edges[]}. */
    public static ObjectNode edgeTree(Edge e) {
        return JsonNodeFactory.instance.objectNode().put("from", e.from()).put("to", e.to()).put("toPort", e.toPort());
    }

    /**
     * Reads one layer (an element of {@code nodes[]}) with the checks a design document gets: known type and
     * parameters, well-formed position. Errors name {@code path}.
     */
    public Node readNode(JsonNode o, String path) throws DesignFormatException {
        Reader reader = new Reader();
        return reader.single(o == null ? null : reader.node(o, path), path, "a layer object");
    }

    /** Reads one connection; which layers exist is not checked here (the caller knows its graph). */
    public Edge readEdge(JsonNode o, String path) throws DesignFormatException {
        Reader reader = new Reader();
        return reader.single(o == null ? null : reader.edge(o, path, null), path,
                "an edge {\"from\", \"to\", \"toPort\"}");
    }

    public Position readPosition(JsonNode o, String path) throws DesignFormatException {
        Reader reader = new Reader();
        return reader.single(o == null ? null : reader.position(o, path), path,
                "a position {\"x\": number, \"y\": number}");
    }

    /** A parameter value as a design document has it (a number, string, boolean or list of them). */
    public Object readValue(JsonNode v, String path) throws DesignFormatException {
        Reader reader = new Reader();
        return reader.single(v == null ? null : reader.value(v, path), path, "a parameter value");
    }

    /** A parameter value as JSON (the same as in a design document). */
    public static JsonNode toJson(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v) {
            case null -> f.nullNode();
            case Integer i -> f.numberNode(i);
            case Long l -> f.numberNode(l);
            case Double d -> f.numberNode(d);
            case Float fl -> f.numberNode(fl.doubleValue());
            case Boolean b -> f.booleanNode(b);
            case String s -> f.stringNode(s);
            case List<?> list -> {
                ArrayNode a = f.arrayNode();
                list.forEach(e -> a.add(toJson(e)));
                yield a;
            }
            default -> throw new IllegalArgumentException("unsupported parameter value " + v.getClass());
        };
    }

    /** Collects every error while reading one document. */
    private final class Reader {
        private final List<FormatError> errors = new ArrayList<>();

        /** What one part read to, or every error met reading it. */
        <T> T single(T read, String path, String expected) throws DesignFormatException {
            if (!errors.isEmpty()) {
                throw new DesignFormatException(errors);
            }
            if (read == null) {
                throw new DesignFormatException(List.of(new FormatError(path, "expected " + expected)));
            }
            return read;
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

        private BlockDefinition block(JsonNode o, String path) {
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

        private Node node(JsonNode o, String path) {
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
        private Position position(JsonNode pos, String path) {
            if (!pos.isObject() || !pos.path("x").isNumber() || !pos.path("y").isNumber()) {
                errors.add(new FormatError(path, "position must be an object {\"x\": number, \"y\": number}"));
                return null;
            }
            return new Position(pos.get("x").doubleValue(), pos.get("y").doubleValue());
        }

        private Object value(JsonNode v, String path) {
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
        private Edge edge(JsonNode o, String path, Set<String> ids) {
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

        private String text(JsonNode o, String path, String field, boolean required) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    errors.add(new FormatError(path + "." + field, "missing required field '" + field + "'"));
                }
                return null;
            }
            if (!v.isString()) {
                errors.add(new FormatError(path + "." + field, "'" + field + "' must be a string"));
                return null;
            }
            return v.stringValue();
        }

        private JsonNode array(JsonNode o, String path, String field, boolean required) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    errors.add(new FormatError(path + "." + field, "missing required field '" + field + "'"));
                }
                return null;
            }
            if (!v.isArray()) {
                errors.add(new FormatError(path + "." + field, "'" + field + "' must be a list"));
                return null;
            }
            return v;
        }

        private void unknownFields(JsonNode o, String path, Set<String> known) {
            for (String name : o.propertyNames()) {
                if (!known.contains(name)) {
                    errors.add(new FormatError(path + "." + name, "unknown field '" + name + "'; known: "
                            + String.join(", ", known.stream().sorted().toList())));
                }
            }
        }
    }
}
