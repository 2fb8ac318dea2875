package dev.netwright.designer.coedit;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a patch to the shared working design, op by op, in the order the server received the patches. The rules
 * for an op that meets another editor's earlier op are deterministic and never silent:
 * <ul>
 * <li>a parameter (or the design's name) changed by someone else since the author saw it: the earlier value stands
 * and the author is told which value won;</li>
 * <li>an edit of a layer someone else deleted (parameter, move, new connection): not applied, and the author is
 * told; a delete of an already deleted layer or connection is simply done;</li>
 * <li>a connection into an input port someone else just connected: theirs stands, the author is told;</li>
 * <li>a new layer whose id someone else just took: it gets the next free id (and the rest of the patch follows it);</li>
 * <li>moves: the later one wins (positions carry no meaning for the network).</li>
 * </ul>
 * Ops on different things never interfere, so concurrent edits of different things all apply.
 */
public final class PatchApplier {
    private PatchApplier() {
    }

    /**
     * @param design    the design after the patch
     * @param applied   the ops as they took effect (ids after renames, values actually replaced): their inverse is
     *                  the author's undo
     * @param conflicts what did not apply as meant, for the author
     */
    public record Result(Design design, DesignPatch applied, List<Conflict> conflicts) {
        public Result {
            conflicts = List.copyOf(conflicts);
        }

        public boolean changed() {
            return !applied.isEmpty();
        }
    }

    public static Result apply(Design design, DesignPatch patch) {
        return new Work(design).run(patch);
    }

    /** The working copy of one application: mutable for the length of one patch. */
    private static final class Work {
        private final Design base;
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final List<Edge> edges;
        private final Map<String, List<String>> networks = new LinkedHashMap<>();
        private final List<BlockDefinition> blocks;
        private final Map<String, String> renamed = new HashMap<>();
        private final List<DesignOp> applied = new ArrayList<>();
        private final List<Conflict> conflicts = new ArrayList<>();
        private String name;
        private String description;

        Work(Design design) {
            base = design;
            design.nodes().forEach(n -> nodes.put(n.id(), n));
            edges = new ArrayList<>(design.edges());
            design.networks().forEach(n -> networks.put(n.name(), new ArrayList<>(n.nodeIds())));
            blocks = new ArrayList<>(design.blocks());
            name = design.name();
            description = design.description();
        }

        Result run(DesignPatch patch) {
            for (DesignOp op : patch.ops()) {
                one(op);
            }
            if (applied.isEmpty()) {
                return new Result(base, DesignPatch.EMPTY, conflicts);
            }
            List<Network> nets = networks.entrySet().stream().map(e -> new Network(e.getKey(), e.getValue())).toList();
            Design next = new Design(name, description, List.copyOf(nodes.values()), edges, nets, blocks);
            return new Result(next, new DesignPatch(applied), conflicts);
        }

        private String id(String id) {
            return renamed.getOrDefault(id, id);
        }

        private Edge edge(Edge e) {
            return new Edge(id(e.from()), id(e.to()), e.toPort());
        }

        private void one(DesignOp op) {
            switch (op) {
                case DesignOp.AddNode a -> addNode(a);
                case DesignOp.RemoveNode r -> removeNode(id(r.node().id()));
                case DesignOp.MoveNode m -> {
                    Node n = nodes.get(id(m.nodeId()));
                    if (n == null) {
                        conflicts.add(new Conflict(Conflict.Kind.NODE_DELETED, op, id(m.nodeId())));
                    } else if (!n.position().equals(m.to())) {
                        nodes.put(n.id(), n.withPosition(m.to()));
                        applied.add(new DesignOp.MoveNode(n.id(), n.position(), m.to()));
                    }
                }
                case DesignOp.SetParam p -> setParam(p);
                case DesignOp.SetFrozen f -> {
                    // a flag: the last one wins, like a move
                    Node n = nodes.get(id(f.nodeId()));
                    if (n == null) {
                        conflicts.add(new Conflict(Conflict.Kind.NODE_DELETED, op, id(f.nodeId())));
                    } else if (n.frozen() != f.to()) {
                        nodes.put(n.id(), n.withFrozen(f.to()));
                        applied.add(new DesignOp.SetFrozen(n.id(), n.frozen(), f.to()));
                    }
                }
                case DesignOp.AddEdge a -> addEdge(a);
                case DesignOp.RemoveEdge r -> {
                    Edge e = edge(r.edge());
                    if (edges.remove(e)) {
                        applied.add(new DesignOp.RemoveEdge(e));
                    }
                }
                case DesignOp.SetText t -> {
                    String current = t.field() == DesignOp.TextField.NAME ? name : description;
                    if (current.equals(t.to())) {
                        return;
                    }
                    if (!current.equals(t.from())) {
                        conflicts.add(new Conflict(Conflict.Kind.VALUE_CHANGED, op, current));
                        return;
                    }
                    if (t.field() == DesignOp.TextField.NAME) {
                        name = t.to();
                    } else {
                        description = t.to();
                    }
                    applied.add(t);
                }
                case DesignOp.AddBlock b -> {
                    if (blocks.stream().noneMatch(x -> x.ref().equals(b.block().ref()))) {
                        blocks.add(b.block());
                        applied.add(b);
                    }
                }
                case DesignOp.RemoveBlock b -> {
                    // a definition still used by an instance stays: dropping it would break that layer
                    boolean used = nodes.values().stream().anyMatch(n -> BlockInstance.of(n)
                            .map(i -> i.ref().equals(b.block().ref())).orElse(false));
                    if (!used && blocks.remove(b.block())) {
                        applied.add(b);
                    }
                }
            }
        }

        private void addNode(DesignOp.AddNode a) {
            Node node = a.node();
            if (nodes.containsKey(node.id())) {
                String fresh = freshId(node.id());
                renamed.put(node.id(), fresh);
                conflicts.add(new Conflict(Conflict.Kind.ID_TAKEN, a, fresh));
                node = new Node(fresh, node.type(), node.params(), node.position(), node.frozen());
            }
            nodes.put(node.id(), node);
            String network = a.network();
            if (network != null) {
                List<String> members = networks.get(network);
                if (members == null) {
                    // only a GAN design has networks; a layer for one the design lacks joins the first there is
                    network = networks.isEmpty() ? null : networks.keySet().iterator().next();
                    members = network == null ? null : networks.get(network);
                }
                if (members != null) {
                    members.add(node.id());
                }
            } else if (!networks.isEmpty()) {
                network = networks.keySet().iterator().next();
                networks.get(network).add(node.id());
            }
            applied.add(new DesignOp.AddNode(node, network));
        }

        private void removeNode(String id) {
            Node n = nodes.remove(id);
            if (n == null) {
                return;
            }
            // connections others made to it meanwhile go with it, each recorded so an undo brings them back
            for (var it = edges.iterator(); it.hasNext(); ) {
                Edge e = it.next();
                if (e.from().equals(id) || e.to().equals(id)) {
                    it.remove();
                    applied.add(new DesignOp.RemoveEdge(e));
                }
            }
            String network = null;
            for (Map.Entry<String, List<String>> net : networks.entrySet()) {
                if (net.getValue().remove(id)) {
                    network = net.getKey();
                }
            }
            applied.add(new DesignOp.RemoveNode(n, network));
        }

        private void setParam(DesignOp.SetParam p) {
            Node n = nodes.get(id(p.nodeId()));
            if (n == null) {
                conflicts.add(new Conflict(Conflict.Kind.NODE_DELETED, p, id(p.nodeId())));
                return;
            }
            Object current = n.params().get(p.param());
            if (Objects.equals(current, p.to())) {
                return;
            }
            if (!Objects.equals(current, p.from())) {
                conflicts.add(new Conflict(Conflict.Kind.VALUE_CHANGED, p, current));
                return;
            }
            Map<String, Object> params = new LinkedHashMap<>(n.params());
            if (p.to() == null) {
                params.remove(p.param());
            } else {
                params.put(p.param(), p.to());
            }
            nodes.put(n.id(), n.withParams(params));
            applied.add(new DesignOp.SetParam(n.id(), p.param(), current, p.to()));
        }

        private void addEdge(DesignOp.AddEdge a) {
            Edge e = edge(a.edge());
            String missing = !nodes.containsKey(e.from()) ? e.from() : !nodes.containsKey(e.to()) ? e.to() : null;
            if (missing != null) {
                conflicts.add(new Conflict(Conflict.Kind.NODE_DELETED, a, missing));
                return;
            }
            if (edges.contains(e)) {
                return;
            }
            Edge taken = edges.stream().filter(x -> x.to().equals(e.to()) && x.toPort() == e.toPort()).findFirst()
                    .orElse(null);
            if (taken != null) {
                conflicts.add(new Conflict(Conflict.Kind.PORT_TAKEN, a, taken.from()));
                return;
            }
            edges.add(e);
            applied.add(new DesignOp.AddEdge(e));
        }

        /** The layer's id with the next free number: dense3 taken becomes dense4 (or the next free one). */
        private String freshId(String id) {
            String stem = id.replaceAll("[0-9]+$", "");
            if (stem.isEmpty()) {
                stem = "layer";
            }
            if (Character.isDigit(stem.charAt(stem.length() - 1)) || stem.equals(id)) {
                stem = stem + "_";
            }
            for (int i = 1; ; i++) {
                if (!nodes.containsKey(stem + i)) {
                    return stem + i;
                }
            }
        }
    }
}
