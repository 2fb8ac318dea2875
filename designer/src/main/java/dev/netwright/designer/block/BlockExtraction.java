package dev.netwright.designer.block;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Make block": turns selected nodes of a design into a new block and puts one instance in their place. Every
 * node outside the selection that feeds it becomes an input port (in the order first met); the one selected node
 * whose output leaves the selection (or goes nowhere) is the output. The new block is carried by the design.
 */
public final class BlockExtraction {
    private BlockExtraction() {
    }

    /** The new block and the design using it. */
    public record Result(BlockDefinition block, Design design, String instanceId) {
    }

    /** @throws IllegalArgumentException saying why the selection cannot become a block */
    public static Result extract(Design design, List<String> selected, String blockName, String description) {
        if (blockName == null || blockName.isBlank()) {
            throw new IllegalArgumentException("give the block a name");
        }
        Set<String> inside = new LinkedHashSet<>(selected);
        List<Node> nodes = design.nodes().stream().filter(n -> inside.contains(n.id())).toList();
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("select the layers that should become the block");
        }
        for (Node n : nodes) {
            if ("Input".equals(n.type())) {
                throw new IllegalArgumentException("'" + n.id() + "' is an Input; a block starts after the Input");
            }
        }
        if (BlockLibrary.of(design.blocks()).latest(blockName).isPresent()
                || BuiltInBlocks.library().latest(blockName).isPresent()) {
            throw new IllegalArgumentException("a block named '" + blockName + "' exists already");
        }
        List<String> ports = new ArrayList<>();
        List<Edge> innerEdges = new ArrayList<>();
        Set<String> leaving = new LinkedHashSet<>();
        for (Edge e : design.edges()) {
            boolean from = inside.contains(e.from());
            boolean to = inside.contains(e.to());
            if (!from && to) {
                String port = "in_" + e.from();
                if (!ports.contains(port)) {
                    ports.add(port);
                }
                innerEdges.add(new Edge(port, e.to(), e.toPort()));
            } else if (from && to) {
                innerEdges.add(e);
            } else if (from) {
                leaving.add(e.from());
            }
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("nothing outside the selection feeds it; a block needs an input");
        }
        List<String> outputs = new ArrayList<>(leaving);
        if (outputs.isEmpty()) {
            Set<String> feeding = new LinkedHashSet<>();
            innerEdges.forEach(e -> feeding.add(e.from()));
            nodes.stream().map(Node::id).filter(id -> !feeding.contains(id)).forEach(outputs::add);
        }
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("a block has one output but " + String.join(", ", outputs)
                    + " all feed layers outside the selection");
        }
        double minX = nodes.stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        double minY = nodes.stream().mapToDouble(n -> n.position().y()).min().orElse(0);
        List<Node> inner = nodes.stream().map(n -> n.withPosition(new Position(n.position().x() - minX,
                n.position().y() - minY))).toList();
        BlockDefinition block = new BlockDefinition(blockName, 1, description, ports, outputs.get(0), List.of(), inner,
                innerEdges);

        String instanceId = freeId(design, blockName, inside);
        Node instance = new Node(instanceId, BlockInstance.TYPE, BlockInstance.params(block.ref(), Map.of()),
                new Position(minX, minY));
        List<Node> newNodes = new ArrayList<>();
        boolean placed = false;
        for (Node n : design.nodes()) {
            if (!inside.contains(n.id())) {
                newNodes.add(n);
            } else if (!placed) {
                newNodes.add(instance);
                placed = true;
            }
        }
        List<Edge> newEdges = new ArrayList<>();
        Map<String, Integer> portOf = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            portOf.put(ports.get(i).substring("in_".length()), i);
        }
        Set<String> added = new LinkedHashSet<>();
        for (Edge e : design.edges()) {
            boolean from = inside.contains(e.from());
            boolean to = inside.contains(e.to());
            if (!from && !to) {
                newEdges.add(e);
            } else if (!from) {
                if (added.add(e.from())) {
                    newEdges.add(new Edge(e.from(), instanceId, portOf.get(e.from())));
                }
            } else if (!to) {
                newEdges.add(new Edge(instanceId, e.to(), e.toPort()));
            }
        }
        List<Network> networks = design.networks().stream().map(net -> {
            List<String> ids = new ArrayList<>();
            boolean replaced = false;
            for (String id : net.nodeIds()) {
                if (!inside.contains(id)) {
                    ids.add(id);
                } else if (!replaced) {
                    ids.add(instanceId);
                    replaced = true;
                }
            }
            return new Network(net.name(), ids);
        }).toList();
        List<BlockDefinition> blocks = new ArrayList<>(design.blocks());
        blocks.add(block);
        Design result = new Design(design.name(), design.description(), newNodes, newEdges, networks, blocks);
        return new Result(block, result, instanceId);
    }

    private static String freeId(Design design, String base, Set<String> freed) {
        String id = base;
        for (int i = 2; design.node(id).isPresent() && !freed.contains(id); i++) {
            id = base + i;
        }
        return id;
    }
}
