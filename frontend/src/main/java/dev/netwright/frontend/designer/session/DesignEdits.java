package dev.netwright.frontend.designer.session;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edits a user can make on the canvas, as pure functions from one immutable design to the next. They never
 * refuse a structurally odd result (a cycle, a wrong shape): the analysis reports it on the node, in words, which
 * teaches more than a silently rejected drag.
 */
public final class DesignEdits {
    private final LayerCatalog catalog;

    public DesignEdits(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** A design plus the ids of the nodes an edit created (to select them). */
    public record Result(Design design, List<String> createdIds) {
        public Result {
            createdIds = List.copyOf(createdIds);
        }
    }

    public Result addNode(Design design, String type, Position at) {
        Node node;
        if (type.startsWith(BlockInstance.TYPE + ":")) {
            // a block from the palette: an instance of its newest version with the block's default values
            String name = type.substring(BlockInstance.TYPE.length() + 1);
            BlockDefinition block = BlockLibrary.of(design.blocks()).before(BuiltInBlocks.library()).latest(name)
                    .orElseThrow(() -> new IllegalArgumentException("there is no block '" + name + "'"));
            node = new Node(NodeIds.next(NodeIds.of(design), name), BlockInstance.TYPE,
                    BlockInstance.params(block.ref(), Map.of()), at);
        } else {
            LayerKind kind = catalog.find(type)
                    .orElseThrow(() -> new IllegalArgumentException("there is no layer type '" + type + "'"));
            node = new Node(NodeIds.next(NodeIds.of(design), kind.type()), kind.type(), Map.of(), at);
        }
        String id = node.id();
        List<Node> nodes = new ArrayList<>(design.nodes());
        nodes.add(node);
        Design next = design.withNodes(nodes);
        if (design.isGan()) {
            next = joinNetwork(next, id, nearestNetwork(design, at));
        }
        return new Result(next, List.of(id));
    }

    /**
     * Connects {@code from}'s output to input port {@code port} of {@code to}. A port holds one connection, so an
     * existing one there is replaced; single-input layers always use port 0.
     */
    /**
     * The connection {@link #connect} would take out to make room: the one from another layer already in that input
     * port. The designer says so, since the replaced edge disappears from the canvas (undo brings it back).
     */
    public java.util.Optional<Edge> replaced(Design design, String from, String to, int port) {
        Node target = design.node(to).orElse(null);
        if (target == null || design.node(from).isEmpty() || from.equals(to)) {
            return java.util.Optional.empty();
        }
        boolean single = catalog.find(target.type()).map(k -> k.maxInputs() <= 1).orElse(true);
        int p = single ? 0 : Math.max(0, port);
        return design.edges().stream().filter(e -> e.to().equals(to) && e.toPort() == p && !e.from().equals(from))
                .findFirst();
    }

    public Design connect(Design design, String from, String to, int port) {
        Node target = design.node(to).orElse(null);
        if (target == null || design.node(from).isEmpty() || from.equals(to)) {
            return design;
        }
        boolean single = catalog.find(target.type()).map(k -> k.maxInputs() <= 1).orElse(true);
        int p = single ? 0 : Math.max(0, port);
        List<Edge> edges = new ArrayList<>();
        for (Edge e : design.edges()) {
            boolean samePort = e.to().equals(to) && e.toPort() == p;
            boolean samePair = e.to().equals(to) && e.from().equals(from);
            if (!samePort && !samePair) {
                edges.add(e);
            }
        }
        edges.add(new Edge(from, to, p));
        return design.withEdges(edges);
    }

    public Design delete(Design design, Collection<String> nodeIds, Collection<EdgeRef> edgeRefs) {
        Set<String> gone = new HashSet<>(nodeIds);
        List<Node> nodes = design.nodes().stream().filter(n -> !gone.contains(n.id())).toList();
        List<Edge> edges = design.edges().stream()
                .filter(e -> !gone.contains(e.from()) && !gone.contains(e.to()))
                .filter(e -> edgeRefs.stream().noneMatch(r -> r.matches(e)))
                .toList();
        List<Network> networks = design.networks().stream()
                .map(n -> new Network(n.name(), n.nodeIds().stream().filter(id -> !gone.contains(id)).toList()))
                .toList();
        return new Design(design.name(), design.description(), nodes, edges, networks);
    }

    public Design move(Design design, Collection<Move> moves) {
        Map<String, Move> byId = new HashMap<>();
        moves.forEach(m -> byId.put(m.nodeId(), m));
        return design.withNodes(design.nodes().stream()
                .map(n -> byId.containsKey(n.id())
                        ? n.withPosition(new Position(byId.get(n.id()).x(), byId.get(n.id()).y())) : n)
                .toList());
    }

    /** Sets a parameter, or removes it (back to the layer's default) when {@code value} is null. */
    public Design setParam(Design design, String nodeId, String name, Object value) {
        return design.withNodes(design.nodes().stream().map(n -> {
            if (!n.id().equals(nodeId)) {
                return n;
            }
            if (value != null) {
                return n.withParam(name, value);
            }
            Map<String, Object> params = new LinkedHashMap<>(n.params());
            params.remove(name);
            return n.withParams(params);
        }).toList());
    }

    /** Renames a node everywhere it is referenced; refuses ids that are empty or already taken. */
    public Design rename(Design design, String nodeId, String newId) {
        String id = newId == null ? "" : newId.strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a layer needs a name");
        }
        if (!id.equals(nodeId) && design.node(id).isPresent()) {
            throw new IllegalArgumentException("another layer is already called '" + id + "'");
        }
        List<Node> nodes = design.nodes().stream()
                .map(n -> n.id().equals(nodeId) ? new Node(id, n.type(), n.params(), n.position(), n.frozen()) : n).toList();
        List<Edge> edges = design.edges().stream()
                .map(e -> new Edge(e.from().equals(nodeId) ? id : e.from(), e.to().equals(nodeId) ? id : e.to(),
                        e.toPort()))
                .toList();
        List<Network> networks = design.networks().stream()
                .map(n -> new Network(n.name(), n.nodeIds().stream().map(x -> x.equals(nodeId) ? id : x).toList()))
                .toList();
        return new Design(design.name(), design.description(), nodes, edges, networks);
    }

    public Clip copy(Design design, Collection<String> nodeIds) {
        Set<String> ids = new HashSet<>(nodeIds);
        List<Node> nodes = design.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = design.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to()))
                .toList();
        Map<String, String> networkOf = new HashMap<>();
        for (Network net : design.networks()) {
            net.nodeIds().stream().filter(ids::contains).forEach(id -> networkOf.put(id, net.name()));
        }
        return new Clip(nodes, edges, networkOf);
    }

    /** Pastes copies with fresh ids, shifted by the offset, keeping the connections among them. */
    public Result paste(Design design, Clip clip, double dx, double dy) {
        Set<String> taken = new HashSet<>(NodeIds.of(design));
        Map<String, String> renamed = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>(design.nodes());
        for (Node n : clip.nodes()) {
            String id = NodeIds.next(taken, n.type());
            taken.add(id);
            renamed.put(n.id(), id);
            nodes.add(new Node(id, n.type(), n.params(),
                    new Position(n.position().x() + dx, n.position().y() + dy), n.frozen()));
        }
        List<Edge> edges = new ArrayList<>(design.edges());
        for (Edge e : clip.edges()) {
            edges.add(new Edge(renamed.get(e.from()), renamed.get(e.to()), e.toPort()));
        }
        Design next = new Design(design.name(), design.description(), nodes, edges, design.networks());
        if (next.isGan()) {
            for (Map.Entry<String, String> r : renamed.entrySet()) {
                String net = clip.networkOf().getOrDefault(r.getKey(), nearestNetwork(design,
                        next.node(r.getValue()).orElseThrow().position()));
                next = joinNetwork(next, r.getValue(), net);
            }
        }
        return new Result(next, List.copyOf(renamed.values()));
    }

    private static Design joinNetwork(Design design, String nodeId, String networkName) {
        List<Network> networks = design.networks().stream().map(n -> {
            if (!n.name().equals(networkName)) {
                return n;
            }
            List<String> ids = new ArrayList<>(n.nodeIds());
            ids.add(nodeId);
            return new Network(n.name(), ids);
        }).toList();
        return new Design(design.name(), design.description(), design.nodes(), design.edges(), networks);
    }

    /** The GAN network whose layers sit closest to a canvas point: where the user dropped a new layer. */
    static String nearestNetwork(Design design, Position at) {
        String best = design.networks().get(0).name();
        double bestDistance = Double.MAX_VALUE;
        for (Network net : design.networks()) {
            for (String id : net.nodeIds()) {
                Position p = design.node(id).map(Node::position).orElse(null);
                if (p == null) {
                    continue;
                }
                double d = Math.hypot(p.x() - at.x(), p.y() - at.y());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = net.name();
                }
            }
        }
        return best;
    }
}
