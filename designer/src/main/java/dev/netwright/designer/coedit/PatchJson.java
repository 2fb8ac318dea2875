package dev.netwright.designer.coedit;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Patches and conflicts as JSON: how the op log stores them and how the REST API takes and gives them. Reading
 * refuses anything malformed with the path of the first problem ({@code ops[2].to}).
 */
public final class PatchJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final DesignJson designJson;

    public PatchJson(DesignJson designJson) {
        this.designJson = designJson;
    }

    public ArrayNode write(DesignPatch patch) {
        ArrayNode a = F.arrayNode();
        patch.ops().forEach(op -> a.add(op(op)));
        return a;
    }

    public ArrayNode writeConflicts(List<Conflict> conflicts) {
        ArrayNode a = F.arrayNode();
        for (Conflict c : conflicts) {
            ObjectNode o = a.addObject();
            o.put("kind", c.kind().name());
            o.set("op", op(c.op()));
            o.set("winner", DesignJson.toJson(c.winner()));
            o.put("dropped", c.dropped());
            o.put("message", c.message());
        }
        return a;
    }

    public ObjectNode op(DesignOp op) {
        ObjectNode o = F.objectNode();
        switch (op) {
            case DesignOp.AddNode a -> o.put("op", "addNode").<ObjectNode>set("node", node(a.node()))
                    .put("network", a.network());
            case DesignOp.RemoveNode r -> o.put("op", "removeNode").<ObjectNode>set("node", node(r.node()))
                    .put("network", r.network());
            case DesignOp.MoveNode m -> o.put("op", "moveNode").put("node", m.nodeId())
                    .<ObjectNode>set("from", position(m.from())).set("to", position(m.to()));
            case DesignOp.SetParam p -> o.put("op", "setParam").put("node", p.nodeId()).put("param", p.param())
                    .<ObjectNode>set("from", DesignJson.toJson(p.from())).set("to", DesignJson.toJson(p.to()));
            case DesignOp.SetFrozen f -> o.put("op", "setFrozen").put("node", f.nodeId()).put("from", f.from())
                    .put("to", f.to());
            case DesignOp.AddEdge a -> o.put("op", "addEdge").set("edge", edge(a.edge()));
            case DesignOp.RemoveEdge r -> o.put("op", "removeEdge").set("edge", edge(r.edge()));
            case DesignOp.SetText t -> o.put("op", "setText").put("field", t.field().name().toLowerCase(Locale.ROOT))
                    .put("from", t.from()).put("to", t.to());
            case DesignOp.AddBlock b -> o.put("op", "addBlock").set("block", designJson.blockTree(b.block()));
            case DesignOp.RemoveBlock b -> o.put("op", "removeBlock").set("block", designJson.blockTree(b.block()));
        }
        return o;
    }

    /** Reads a patch (an array of ops). @throws IllegalArgumentException naming the first malformed part */
    public DesignPatch read(JsonNode ops) {
        if (ops == null || !ops.isArray()) {
            throw new IllegalArgumentException("ops: expected an array of ops");
        }
        List<DesignOp> list = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            list.add(readOp(ops.get(i), "ops[" + i + "]"));
        }
        return new DesignPatch(list);
    }

    private DesignOp readOp(JsonNode o, String at) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException(at + ": expected an op object");
        }
        String kind = text(o, "op", at);
        return switch (kind) {
            case "addNode" -> new DesignOp.AddNode(readNode(o.get("node"), at + ".node"), optText(o, "network"));
            case "removeNode" -> new DesignOp.RemoveNode(readNode(o.get("node"), at + ".node"), optText(o, "network"));
            case "moveNode" -> new DesignOp.MoveNode(text(o, "node", at), readPosition(o.get("from"), at + ".from"),
                    readPosition(o.get("to"), at + ".to"));
            case "setParam" -> new DesignOp.SetParam(text(o, "node", at), text(o, "param", at),
                    value(o.get("from"), at + ".from"), value(o.get("to"), at + ".to"));
            case "setFrozen" -> new DesignOp.SetFrozen(text(o, "node", at), flag(o, "from", at), flag(o, "to", at));
            case "addEdge" -> new DesignOp.AddEdge(readEdge(o.get("edge"), at + ".edge"));
            case "removeEdge" -> new DesignOp.RemoveEdge(readEdge(o.get("edge"), at + ".edge"));
            case "setText" -> new DesignOp.SetText(field(text(o, "field", at), at + ".field"), text(o, "from", at),
                    text(o, "to", at));
            case "addBlock" -> new DesignOp.AddBlock(readBlock(o.get("block"), at + ".block"));
            case "removeBlock" -> new DesignOp.RemoveBlock(readBlock(o.get("block"), at + ".block"));
            default -> throw new IllegalArgumentException(at + ".op: unknown op '" + kind + "' (expected addNode, "
                    + "removeNode, moveNode, setParam, setFrozen, addEdge, removeEdge, setText, addBlock or removeBlock)");
        };
    }

    private static DesignOp.TextField field(String f, String at) {
        return switch (f) {
            case "name" -> DesignOp.TextField.NAME;
            case "description" -> DesignOp.TextField.DESCRIPTION;
            default -> throw new IllegalArgumentException(at + ": expected 'name' or 'description', got '" + f + "'");
        };
    }

    private static ObjectNode node(Node n) {
        return DesignJson.nodeTree(n);
    }

    private static ObjectNode position(Position p) {
        return DesignJson.positionTree(p);
    }

    private static ObjectNode edge(Edge e) {
        return DesignJson.edgeTree(e);
    }

    // Layers, positions, edges, blocks and values read exactly as a design document's (one set of rules): a
    // layer an op adds must be one the working state, itself a design document, can hold.

    private Node readNode(JsonNode o, String at) {
        return format(() -> designJson.readNode(o, at));
    }

    private Position readPosition(JsonNode o, String at) {
        return format(() -> designJson.readPosition(o, at));
    }

    private Edge readEdge(JsonNode o, String at) {
        return format(() -> designJson.readEdge(o, at));
    }

    private BlockDefinition readBlock(JsonNode o, String at) {
        return format(() -> designJson.readBlock(o == null ? "null" : o.toString()), at);
    }

    /** A parameter value; JSON null or absent is "not set" (the layer's default). */
    private Object value(JsonNode v, String at) {
        return v == null || v.isNull() || v.isMissingNode() ? null : format(() -> designJson.readValue(v, at));
    }

    private interface FormatRead<T> {
        T read() throws DesignFormatException;
    }

    private static <T> T format(FormatRead<T> read) {
        return format(read, null);
    }

    /** The design format's errors as the patch reader's: the first problem with its path. */
    private static <T> T format(FormatRead<T> read, String prefix) {
        try {
            return read.read();
        } catch (DesignFormatException e) {
            var first = e.errors().getFirst();
            String where = prefix == null ? first.path() : prefix + first.path().substring(1);
            throw new IllegalArgumentException(where + ": " + first.reason());
        }
    }

    private static String text(JsonNode o, String field, String at) {
        JsonNode v = o.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException(at + "." + field + ": expected a string");
        }
        return v.stringValue();
    }

    private static boolean flag(JsonNode o, String field, String at) {
        JsonNode v = o.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException(at + "." + field + ": expected true or false");
        }
        return v.booleanValue();
    }

    private static String optText(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || !v.isString() ? null : v.stringValue();
    }
}
