package dev.netwright.designer.block;

import dev.netwright.designer.analysis.Problem;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces block instances by their inner layers, recursively, so that analysis, compilation, export and the
 * summary all see one flat graph. Blocks are looked up in the design's own definitions, then in {@code library}.
 * A block that (through nested blocks) contains itself is reported naming the cycle.
 */
public final class BlockExpander {
    private final BlockLibrary library;

    public BlockExpander(BlockLibrary library) {
        this.library = library;
    }

    public BlockExpander() {
        this(BuiltInBlocks.library());
    }

    public BlockExpansion expand(Design design) {
        return new Run(design, BlockLibrary.of(design.blocks()).before(library)).expand();
    }

    /** An inner input of an expanded sub-graph: the flat node and its port. */
    private record Target(String nodeId, int port) {
    }

    /** An exposed parameter's value and the top-level exposed parameter it came from (null: not exposed). */
    private record Binding(Object value, String topParam) {
    }

    /** What one expanded (sub-)graph offers to the graph around it. */
    private record Expanded(Map<Integer, List<Target>> inputs, String output) {
    }

    private static final class Run {
        private final Design design;
        private final BlockLibrary library;
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, String> instanceOf = new HashMap<>();
        private final Map<String, BlockRef> refs = new HashMap<>();
        private final Map<String, String> outputOf = new HashMap<>();
        private final Map<String, Map<String, String>> boundParams = new HashMap<>();
        private final List<Problem> problems = new ArrayList<>();

        Run(Design design, BlockLibrary library) {
            this.design = design;
            this.library = library;
        }

        BlockExpansion expand() {
            Map<String, Expanded> byId = new HashMap<>();
            for (Node n : design.nodes()) {
                if (!BlockInstance.isInstance(n)) {
                    nodes.add(n);
                    byId.put(n.id(), plain(n.id()));
                    continue;
                }
                Expanded e = instance(n, n.id(), "", Map.of(), new ArrayList<>());
                if (e != null) {
                    byId.put(n.id(), e);
                    outputOf.put(n.id(), e.output());
                }
            }
            for (Edge e : design.edges()) {
                Expanded from = byId.get(e.from());
                Expanded to = byId.get(e.to());
                boolean fromKnown = from != null || design.node(e.from()).isEmpty();
                boolean toKnown = to != null || design.node(e.to()).isEmpty();
                if (!fromKnown || !toKnown) {
                    continue; // an instance that could not be expanded: already reported
                }
                connect(from == null ? e.from() : from.output(), to, e.to(), e.toPort(), e.to());
            }
            List<Network> networks = design.networks().stream().map(net -> new Network(net.name(),
                    net.nodeIds().stream().flatMap(id -> refs.containsKey(id)
                            ? nodes.stream().map(Node::id).filter(f -> id.equals(instanceOf.get(f)))
                            : java.util.stream.Stream.of(id)).toList())).toList();
            // a frozen instance freezes every layer inside it, so fine-tuning sees the flat ids it compiles
            java.util.Set<String> frozenInstances = design.nodes().stream()
                    .filter(n -> n.frozen() && BlockInstance.isInstance(n)).map(Node::id)
                    .collect(java.util.stream.Collectors.toSet());
            if (!frozenInstances.isEmpty()) {
                nodes.replaceAll(n -> frozenInstances.contains(instanceOf.get(n.id())) ? n.withFrozen(true) : n);
            }
            Design flat = new Design(design.name(), design.description(), nodes, edges, networks, design.blocks());
            return new BlockExpansion(flat, instanceOf, refs, outputOf, boundParams, problems);
        }

        private static Expanded plain(String flatId) {
            return new Expanded(null, flatId);
        }

        /** Adds the edge(s) from a flat node to {@code to}'s port; an unknown {@code to} keeps its id. */
        private void connect(String fromFlat, Expanded to, String toFlat, int port, String reportOn) {
            if (to == null || to.inputs() == null) {
                edges.add(new Edge(fromFlat, to == null ? toFlat : to.output(), port));
                return;
            }
            List<Target> targets = to.inputs().get(port);
            if (targets == null) {
                problems.add(Problem.error("BAD_PORT", instanceOf.getOrDefault(reportOn, reportOn), null,
                        "the block has input ports 0.." + (to.inputs().size() - 1) + " but is connected at port "
                                + port, "connect to one of the block's input ports"));
                return;
            }
            for (Target t : targets) {
                edges.add(new Edge(fromFlat, t.nodeId(), t.port()));
            }
        }

        /**
         * Expands one instance node. {@code top} is the top-level instance problems are reported on,
         * {@code prefix} the flat id prefix of the graph it sits in, {@code outer} the bindings of the enclosing
         * block's exposed parameters and {@code stack} the blocks being expanded (to detect cycles).
         */
        private Expanded instance(Node node, String top, String prefix, Map<String, Binding> outer,
                                  List<BlockRef> stack) {
            String where = prefix.isEmpty() ? "" : "inner node '" + prefix + node.id() + "': ";
            BlockInstance inst = BlockInstance.of(node).orElse(null);
            if (inst == null) {
                problems.add(Problem.error("BLOCK_REF", top, BlockInstance.BLOCK, where
                                + "a block instance needs params 'block' (the block's name) and 'version' (an integer >= 1)",
                        "pick the block from the library again"));
                return null;
            }
            BlockDefinition def = library.find(inst.ref()).orElse(null);
            if (def == null) {
                problems.add(Problem.error("UNKNOWN_BLOCK", top, BlockInstance.BLOCK, where + "no block "
                                + inst.ref() + " in the design or the library",
                        library.latest(inst.ref().name()).map(d -> "use version " + d.version())
                                .orElse("add the block to the library or replace the instance")));
                return null;
            }
            if (stack.contains(def.ref())) {
                List<String> names = new ArrayList<>(stack.subList(stack.indexOf(def.ref()), stack.size()).stream()
                        .map(BlockRef::toString).toList());
                names.add(def.ref().toString());
                problems.add(Problem.error("BLOCK_CYCLE", top, null, "the block cycle " + String.join(" -> ", names)
                        + " contains itself", "remove the instance of " + def.name() + " from inside "
                        + stack.get(stack.size() - 1).name()));
                return null;
            }
            if (prefix.isEmpty()) {
                refs.put(node.id(), def.ref());
            }
            Map<String, Binding> bindings = new LinkedHashMap<>();
            for (BlockParam p : def.params()) {
                bindings.put(p.name(), new Binding(p.defaultValue(), null));
            }
            for (Map.Entry<String, Object> v : inst.values().entrySet()) {
                if (def.param(v.getKey()).isEmpty()) {
                    problems.add(Problem.error("PARAM", top, prefix.isEmpty() ? v.getKey() : null, where
                                    + "block " + def.ref() + " has no parameter '" + v.getKey() + "'",
                            def.params().isEmpty() ? "it exposes none" : "it exposes: " + String.join(", ",
                                    def.params().stream().map(BlockParam::name).toList())));
                    continue;
                }
                Binding b = substitute(v.getValue(), outer, top, where);
                bindings.put(v.getKey(), prefix.isEmpty() ? new Binding(b.value(), v.getKey()) : b);
            }
            List<BlockRef> inner = new ArrayList<>(stack);
            inner.add(def.ref());
            return graph(def, top, prefix + node.id() + "/", bindings, inner);
        }

        private Expanded graph(BlockDefinition def, String top, String prefix, Map<String, Binding> bindings,
                               List<BlockRef> stack) {
            Map<String, Expanded> byId = new HashMap<>();
            for (Node m : def.nodes()) {
                if (BlockInstance.isInstance(m)) {
                    Expanded e = instance(m, top, prefix, bindings, stack);
                    if (e != null) {
                        byId.put(m.id(), e);
                    }
                    continue;
                }
                String flatId = prefix + m.id();
                Map<String, Object> params = new LinkedHashMap<>();
                Map<String, String> bound = new HashMap<>();
                String where = "inner node '" + flatId.substring(top.length() + 1) + "': ";
                for (Map.Entry<String, Object> p : m.params().entrySet()) {
                    Binding b = substitute(p.getValue(), bindings, top, where);
                    params.put(p.getKey(), b.value());
                    if (b.topParam() != null) {
                        bound.put(p.getKey(), b.topParam());
                    }
                }
                nodes.add(new Node(flatId, m.type(), params, m.position(), m.frozen()));
                instanceOf.put(flatId, top);
                if (!bound.isEmpty()) {
                    boundParams.put(flatId, bound);
                }
                byId.put(m.id(), plain(flatId));
            }
            Map<Integer, List<Target>> inputs = new LinkedHashMap<>();
            for (int i = 0; i < def.inputs().size(); i++) {
                inputs.put(i, new ArrayList<>());
            }
            for (Edge e : def.edges()) {
                Expanded to = byId.get(e.to());
                if (to == null) {
                    continue;
                }
                int port = def.inputs().indexOf(e.from());
                if (port >= 0) {
                    if (to.inputs() == null) {
                        inputs.get(port).add(new Target(to.output(), e.toPort()));
                    } else {
                        inputs.get(port).addAll(to.inputs().getOrDefault(e.toPort(), List.of()));
                    }
                    continue;
                }
                Expanded from = byId.get(e.from());
                if (from != null) {
                    connect(from.output(), to, null, e.toPort(), top);
                }
            }
            Expanded out = byId.get(def.output());
            return new Expanded(inputs, out == null ? prefix + def.output() : out.output());
        }

        /** Resolves a {@code "$name"} reference to an exposed parameter; other values stay as they are. */
        private Binding substitute(Object value, Map<String, Binding> bindings, String top, String where) {
            if (value instanceof String s && s.startsWith("$")) {
                Binding b = bindings.get(s.substring(1));
                if (b == null) {
                    problems.add(Problem.error("BLOCK_PARAM", top, null, where + "refers to '" + s
                                    + "' but the block exposes no such parameter",
                            "expose the parameter or give a value"));
                    return new Binding(value, null);
                }
                return b;
            }
            return new Binding(value, null);
        }
    }
}
