package dev.netwright.designer.format;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockParam;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes designs, block definitions and their parts as the canonical JSON trees of the design format. */
final class DesignTrees {
    private DesignTrees() {
    }

    static JsonNode toTree(Design design) {
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
    static ObjectNode blockTree(BlockDefinition b) {
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

    private static void writeGraph(ObjectNode root, List<Node> graphNodes, List<Edge> graphEdges) {
        ArrayNode nodes = root.putArray("nodes");
        graphNodes.forEach(n -> nodes.add(nodeTree(n)));
        ArrayNode edges = root.putArray("edges");
        graphEdges.forEach(e -> edges.add(edgeTree(e)));
    }

    /** One layer as it appears in {@code nodes[]}. */
    static ObjectNode nodeTree(Node n) {
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

    static ObjectNode positionTree(Position p) {
        return JsonNodeFactory.instance.objectNode().put("x", p.x()).put("y", p.y());
    }

    /** One connection as it appears in {@code edges[]}. */
    static ObjectNode edgeTree(Edge e) {
        return JsonNodeFactory.instance.objectNode().put("from", e.from()).put("to", e.to()).put("toPort", e.toPort());
    }

    /** A parameter value as JSON (the same as in a design document). */
    static JsonNode toJson(Object v) {
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
}
