package dev.netwright.designer.analysis;

import dev.netwright.designer.block.BlockExpander;
import dev.netwright.designer.block.BlockExpansion;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerCatalog.CheckedParams;
import dev.netwright.designer.catalog.LayerCost;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a design and infers every node's output shape and cost in one pass. Reports every problem at once,
 * each naming the node (and parameter) it concerns and how to fix it. A design with block instances is analysed as
 * its expansion (see {@link BlockFolding}). Stateless and thread-safe.
 */
public final class DesignAnalyzer {
    private final LayerCatalog catalog;
    private final BlockExpander expander;

    public DesignAnalyzer(LayerCatalog catalog, BlockLibrary blocks) {
        this.catalog = catalog;
        this.expander = new BlockExpander(blocks);
    }

    public DesignAnalyzer(LayerCatalog catalog) {
        this(catalog, BuiltInBlocks.library());
    }

    public DesignAnalyzer() {
        this(LayerCatalog.standard());
    }

    public Analysis analyze(Design design) {
        if (!design.hasBlockInstances()) {
            return new Run(design).analyze();
        }
        BlockExpansion expansion = expander.expand(design);
        return BlockFolding.fold(design, expansion, new Run(expansion.flat()).analyze());
    }

    /** The working state of one analysis. */
    private final class Run {
        private final Design design;
        private final List<Problem> designProblems = new ArrayList<>();
        private final Map<String, List<Problem>> nodeProblems = new HashMap<>();
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Map<String, LayerKind> kinds = new HashMap<>();
        private final Map<String, CheckedParams> params = new HashMap<>();
        private final Map<String, List<Edge>> incoming = new HashMap<>();
        private final Map<String, List<String>> outgoing = new HashMap<>();
        private final Map<String, String> networkOf = new HashMap<>();
        private final Map<String, Shape> shapes = new HashMap<>();
        private final Set<String> broken = new HashSet<>();

        Run(Design design) {
            this.design = design;
        }

        Analysis analyze() {
            indexNodes();
            indexEdges();
            if (design.isGan()) {
                indexNetworks();
            }
            List<String> order = topologicalOrder();
            Set<String> reachable = reachableFromInputs();
            checkConnections(reachable);
            inferShapes(order);
            List<NetworkReport> networks = checkNetworks(reachable);
            return report(order, networks);
        }

        private void problem(String nodeId, String code, String param, String message, String hint) {
            Problem p = Problem.error(code, nodeId, param, message, hint);
            if (nodeId == null) {
                designProblems.add(p);
            } else {
                nodeProblems.computeIfAbsent(nodeId, k -> new ArrayList<>()).add(p);
            }
        }

        private void indexNodes() {
            if (design.nodes().isEmpty()) {
                problem(null, "EMPTY", null, "the design has no layers", "add an Input layer, then the layers after it");
            }
            for (Node n : design.nodes()) {
                if (nodes.containsKey(n.id())) {
                    problem(n.id(), "DUPLICATE_ID", null, "two nodes have the id '" + n.id() + "'",
                            "give every node its own id");
                    continue;
                }
                nodes.put(n.id(), n);
                incoming.put(n.id(), new ArrayList<>());
                outgoing.put(n.id(), new ArrayList<>());
                LayerKind kind = catalog.find(n.type()).orElse(null);
                if (kind == null) {
                    problem(n.id(), "UNKNOWN_TYPE", null, "unknown layer type '" + n.type() + "'",
                            "use one of: " + String.join(", ", catalog.types()));
                    broken.add(n.id());
                    continue;
                }
                kinds.put(n.id(), kind);
                CheckedParams checked = catalog.check(kind, n.params());
                params.put(n.id(), checked);
                for (LayerCatalog.ParamIssue issue : checked.issues()) {
                    problem(n.id(), "PARAM", issue.param(), issue.message(), issue.hint());
                    broken.add(n.id());
                }
            }
        }

        private void indexEdges() {
            Set<String> seen = new HashSet<>();
            for (Edge e : design.edges()) {
                String label = "connection " + e.from() + " -> " + e.to();
                if (!nodes.containsKey(e.from()) || !nodes.containsKey(e.to())) {
                    String missing = nodes.containsKey(e.from()) ? e.to() : e.from();
                    problem(nodes.containsKey(e.to()) ? e.to() : null, "DANGLING_EDGE", null,
                            label + " refers to a node '" + missing + "' that does not exist",
                            "delete the connection");
                    continue;
                }
                if (e.from().equals(e.to())) {
                    problem(e.to(), "CYCLE", null, "the node is connected to itself", "delete the connection");
                    continue;
                }
                if (!seen.add(e.from() + "\u0000" + e.to() + "\u0000" + e.toPort())) {
                    problem(e.to(), "DUPLICATE_EDGE", null, label + " appears twice", "delete one of them");
                    continue;
                }
                if (e.toPort() < 0) {
                    problem(e.to(), "BAD_PORT", null, label + " uses input port " + e.toPort(),
                            "ports are numbered from 0");
                    continue;
                }
                incoming.get(e.to()).add(e);
                outgoing.get(e.from()).add(e.to());
            }
            for (List<Edge> in : incoming.values()) {
                in.sort(Comparator.comparingInt(Edge::toPort));
            }
        }

        private void indexNetworks() {
            Set<String> names = new HashSet<>();
            for (Network net : design.networks()) {
                if (!net.name().equals(Network.GENERATOR) && !net.name().equals(Network.DISCRIMINATOR)) {
                    problem(null, "GAN_NETWORK", null, "unknown network '" + net.name() + "'",
                            "a GAN has exactly two networks: generator and discriminator");
                }
                if (!names.add(net.name())) {
                    problem(null, "GAN_NETWORK", null, "network '" + net.name() + "' is listed twice", "merge them");
                }
                for (String id : net.nodeIds()) {
                    if (!nodes.containsKey(id)) {
                        problem(null, "GAN_NETWORK", null, "network '" + net.name() + "' lists a node '" + id
                                + "' that does not exist", "remove it from the network");
                    } else if (networkOf.putIfAbsent(id, net.name()) != null && !networkOf.get(id).equals(net.name())) {
                        problem(id, "GAN_NETWORK", null, "the node belongs to both networks",
                                "put it in either the generator or the discriminator");
                    }
                }
            }
            for (String required : List.of(Network.GENERATOR, Network.DISCRIMINATOR)) {
                if (!names.contains(required)) {
                    problem(null, "GAN_NETWORK", null, "the GAN has no " + required + " network",
                            "add a network named '" + required + "'");
                }
            }
            for (String id : nodes.keySet()) {
                if (!networkOf.containsKey(id)) {
                    problem(id, "GAN_NETWORK", null, "the node is in neither the generator nor the discriminator",
                            "add it to one of the two networks");
                }
            }
            for (List<Edge> in : incoming.values()) {
                for (Edge e : in) {
                    String a = networkOf.get(e.from());
                    String b = networkOf.get(e.to());
                    if (a != null && b != null && !a.equals(b)) {
                        problem(e.to(), "GAN_NETWORK", null, "connection " + e.from() + " -> " + e.to() + " crosses from"
                                        + " the " + a + " to the " + b,
                                "the platform feeds generated samples to the discriminator itself: delete the connection");
                    }
                }
            }
        }

        /** Kahn's algorithm; nodes left over lie on or after a cycle, and each cycle is reported once. */
        private List<String> topologicalOrder() {
            Map<String, Integer> indegree = new HashMap<>();
            for (String id : nodes.keySet()) {
                indegree.put(id, incoming.get(id).size());
            }
            ArrayDeque<String> ready = new ArrayDeque<>();
            for (String id : nodes.keySet()) {
                if (indegree.get(id) == 0) {
                    ready.add(id);
                }
            }
            List<String> order = new ArrayList<>(nodes.size());
            while (!ready.isEmpty()) {
                String id = ready.poll();
                order.add(id);
                for (String next : outgoing.get(id)) {
                    if (indegree.merge(next, -1, Integer::sum) == 0) {
                        ready.add(next);
                    }
                }
            }
            if (order.size() < nodes.size()) {
                Set<String> left = new HashSet<>(nodes.keySet());
                order.forEach(left::remove);
                reportCycles(left);
                for (String id : nodes.keySet()) {
                    if (left.contains(id)) {
                        order.add(id);
                        broken.add(id);
                    }
                }
            }
            return order;
        }

        private void reportCycles(Set<String> candidates) {
            Set<String> done = new HashSet<>();
            for (String start : nodes.keySet()) {
                if (!candidates.contains(start) || done.contains(start)) {
                    continue;
                }
                List<String> cycle = findCycleFrom(start, candidates, done);
                if (cycle.isEmpty()) {
                    continue;
                }
                String path = String.join(" -> ", cycle) + " -> " + cycle.get(0);
                for (String id : cycle) {
                    problem(id, "CYCLE", null, "cannot have backwards edges: the node is on the cycle " + path,
                            "delete one connection of the cycle; networks flow one way from input to output");
                }
            }
        }

        /** Iterative DFS restricted to {@code candidates}; returns the first cycle found, or empty. */
        private List<String> findCycleFrom(String start, Set<String> candidates, Set<String> done) {
            Map<String, Integer> positionOnPath = new HashMap<>();
            List<String> path = new ArrayList<>();
            ArrayDeque<java.util.Iterator<String>> stack = new ArrayDeque<>();
            path.add(start);
            positionOnPath.put(start, 0);
            stack.push(outgoing.get(start).iterator());
            while (!stack.isEmpty()) {
                java.util.Iterator<String> it = stack.peek();
                if (!it.hasNext()) {
                    stack.pop();
                    String finished = path.remove(path.size() - 1);
                    positionOnPath.remove(finished);
                    done.add(finished);
                    continue;
                }
                String next = it.next();
                if (!candidates.contains(next) || done.contains(next)) {
                    continue;
                }
                Integer at = positionOnPath.get(next);
                if (at != null) {
                    List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
                    done.addAll(path);
                    return cycle;
                }
                positionOnPath.put(next, path.size());
                path.add(next);
                stack.push(outgoing.get(next).iterator());
            }
            return List.of();
        }

        private Set<String> reachableFromInputs() {
            ArrayDeque<String> queue = new ArrayDeque<>();
            Set<String> reached = new HashSet<>();
            for (String id : nodes.keySet()) {
                if (isInput(id)) {
                    queue.add(id);
                    reached.add(id);
                }
            }
            while (!queue.isEmpty()) {
                for (String next : outgoing.get(queue.poll())) {
                    if (reached.add(next)) {
                        queue.add(next);
                    }
                }
            }
            return reached;
        }

        private boolean isInput(String id) {
            LayerKind k = kinds.get(id);
            return k != null && k.maxInputs() == 0;
        }

        private void checkConnections(Set<String> reachable) {
            for (Map.Entry<String, Node> entry : nodes.entrySet()) {
                String id = entry.getKey();
                LayerKind kind = kinds.get(id);
                if (kind == null) {
                    continue;
                }
                List<Edge> in = incoming.get(id);
                if (kind.maxInputs() == 0 && !in.isEmpty()) {
                    problem(id, "EXTRA_INPUT", null, "an Input cannot receive connections (from " + sources(in) + ")",
                            "delete the connections into it");
                    broken.add(id);
                } else if (in.size() < kind.minInputs()) {
                    problem(id, "MISSING_INPUT", null, kind.type() + " needs " + (kind.minInputs() == 1 ? "an input"
                                    : "at least " + kind.minInputs() + " inputs") + " but has "
                                    + (in.isEmpty() ? "none" : in.size()),
                            "connect the output of the layer before it to this node");
                    broken.add(id);
                } else if (in.size() > kind.maxInputs()) {
                    problem(id, "EXTRA_INPUT", null, kind.type() + " takes one input but " + in.size()
                                    + " are connected (from " + sources(in) + ")",
                            "merge them first with Add or Concatenate, or delete a connection");
                    broken.add(id);
                } else if (kind.maxInputs() == 1 && !in.isEmpty() && in.get(0).toPort() != 0) {
                    problem(id, "BAD_PORT", null, kind.type() + " has one input port (0) but is connected at port "
                            + in.get(0).toPort(), "connect to port 0");
                    broken.add(id);
                } else {
                    for (int i = 1; i < in.size(); i++) {
                        if (in.get(i).toPort() == in.get(i - 1).toPort()) {
                            problem(id, "BAD_PORT", null, "inputs from " + in.get(i - 1).from() + " and "
                                            + in.get(i).from() + " share port " + in.get(i).toPort(),
                                    "connect each input to its own port");
                            broken.add(id);
                        }
                    }
                }
                if (!reachable.contains(id) && !in.isEmpty()) {
                    problem(id, "NOT_CONNECTED", null, "the layer is not connected to an Input",
                            "connect it (through the layers before it) to the Input, or delete it");
                    broken.add(id);
                } else if (!reachable.contains(id) && kind.maxInputs() > 0 && in.size() >= kind.minInputs()) {
                    broken.add(id);
                }
            }
        }

        private static String sources(List<Edge> in) {
            return String.join(", ", in.stream().map(Edge::from).toList());
        }

        private void inferShapes(List<String> order) {
            for (String id : order) {
                if (broken.contains(id)) {
                    continue;
                }
                List<Shape> inputShapes = new ArrayList<>();
                boolean known = true;
                for (Edge e : incoming.get(id)) {
                    Shape s = shapes.get(e.from());
                    if (s == null) {
                        known = false;
                        break;
                    }
                    inputShapes.add(s);
                }
                if (!known) {
                    continue;
                }
                LayerKind kind = kinds.get(id);
                try {
                    shapes.put(id, kind.outputShape(inputShapes, params.get(id).params()));
                } catch (ShapeException e) {
                    String message = e.getMessage();
                    if (inputShapes.size() > 1) {
                        List<String> parts = new ArrayList<>();
                        List<Edge> in = incoming.get(id);
                        for (int i = 0; i < in.size(); i++) {
                            parts.add(in.get(i).from() + " " + inputShapes.get(i));
                        }
                        message += " (inputs: " + String.join(", ", parts) + ")";
                    }
                    problem(id, "SHAPE", e.param(), message, e.hint());
                } catch (IllegalArgumentException e) {
                    problem(id, "SHAPE", null, e.getMessage(), "check the layer's parameters");
                }
            }
        }

        private List<NetworkReport> checkNetworks(Set<String> reachable) {
            List<NetworkReport> reports = new ArrayList<>();
            if (!design.isGan()) {
                reports.add(checkNetwork(NetworkReport.SUPERVISED, new ArrayList<>(nodes.keySet()), reachable));
                return reports;
            }
            for (String name : List.of(Network.GENERATOR, Network.DISCRIMINATOR)) {
                List<String> members = nodes.keySet().stream().filter(id -> name.equals(networkOf.get(id))).toList();
                reports.add(checkNetwork(name, members, reachable));
            }
            NetworkReport g = reports.get(0);
            NetworkReport d = reports.get(1);
            if (g.outputShape() != null && d.inputShape() != null && !g.outputShape().equals(d.inputShape())) {
                problem(g.outputNodeId(), "GAN_SHAPE", null, "the generator produces " + g.outputShape()
                                + " but the discriminator's Input '" + d.inputNodeId() + "' expects " + d.inputShape(),
                        "make the generator's last layer output " + d.inputShape() + " (or change the discriminator Input)");
            }
            if (d.outputShape() != null && d.outputShape().elements() != 1) {
                problem(d.outputNodeId(), "GAN_SHAPE", null, "the discriminator outputs " + d.outputShape()
                        + " but must output one score per sample", "end the discriminator with Dense(units=1)");
            }
            return reports;
        }

        private NetworkReport checkNetwork(String name, List<String> members, Set<String> reachable) {
            String where = name.equals(NetworkReport.SUPERVISED) ? "the design" : "the " + name;
            List<String> inputs = members.stream().filter(this::isInput).toList();
            if (inputs.isEmpty() && !members.isEmpty()) {
                problem(null, "NO_INPUT", null, where + " has no Input layer",
                        "add an Input layer with the shape of one sample and connect it");
            }
            for (int i = 1; i < inputs.size(); i++) {
                problem(inputs.get(i), "EXTRA_INPUT_LAYER", null, where + " has " + inputs.size() + " Input layers ("
                        + String.join(", ", inputs) + ") but takes one", "delete the extra Input layers");
            }
            List<String> outputs = members.stream()
                    .filter(id -> outgoing.get(id).isEmpty() && reachable.contains(id) && !isInput(id)).toList();
            if (outputs.size() > 1) {
                for (String id : outputs) {
                    problem(id, "EXTRA_OUTPUT", null, where + " has " + outputs.size() + " outputs ("
                                    + String.join(", ", outputs) + ") but needs exactly one; this node's output goes nowhere",
                            "connect it to the next layer, or delete it");
                }
            } else if (outputs.isEmpty() && inputs.size() == 1 && members.size() > 1 && !broken.contains(inputs.get(0))) {
                problem(inputs.get(0), "NO_OUTPUT", null, where + " has no output layer",
                        "connect layers after the Input");
            }
            String inputId = inputs.isEmpty() ? null : inputs.get(0);
            String outputId = outputs.size() == 1 ? outputs.get(0) : (inputs.size() == 1 && members.size() == 1
                    ? inputId : null);
            Totals totals = Totals.ZERO;
            for (String id : members) {
                Shape s = shapes.get(id);
                if (s != null) {
                    LayerCost c = cost(id, s);
                    totals = totals.plus(c.trainableParams(), c.nonTrainableParams(), c.multiplyAdds(),
                            s.elements() * Totals.BYTES_PER_VALUE);
                }
            }
            return new NetworkReport(name, inputId, outputId, inputId == null ? null : shapes.get(inputId),
                    outputId == null ? null : shapes.get(outputId), totals);
        }

        private final Map<String, LayerCost> costs = new HashMap<>();

        private LayerCost cost(String id, Shape output) {
            return costs.computeIfAbsent(id, k -> {
                List<Shape> in = incoming.get(id).stream().map(e -> shapes.get(e.from())).toList();
                LayerCost c = kinds.get(id).cost(in, output, params.get(id).params());
                // a frozen node's weights are kept but not trained (fine-tuning)
                return nodes.get(id).frozen() ? new LayerCost(0, c.totalParams(), c.multiplyAdds()) : c;
            });
        }

        private Analysis report(List<String> order, List<NetworkReport> networks) {
            List<NodeReport> reports = new ArrayList<>(order.size());
            Map<String, NodeReport> byId = new HashMap<>();
            List<Problem> all = new ArrayList<>(designProblems);
            Totals totals = Totals.ZERO;
            for (String id : order) {
                Node n = nodes.get(id);
                Shape s = shapes.get(id);
                LayerCost c = s == null ? LayerCost.FREE : cost(id, s);
                long bytes = s == null ? 0 : s.elements() * Totals.BYTES_PER_VALUE;
                List<Problem> ps = nodeProblems.getOrDefault(id, List.of());
                NodeReport r = new NodeReport(id, n.type(), networkOf.get(id),
                        incoming.get(id).stream().map(Edge::from).toList(), s, c, bytes, ps);
                reports.add(r);
                byId.put(id, r);
                all.addAll(ps);
                totals = totals.plus(c.trainableParams(), c.nonTrainableParams(), c.multiplyAdds(), bytes);
            }
            // problems on nodes that were dropped as duplicates still count
            for (Map.Entry<String, List<Problem>> e : nodeProblems.entrySet()) {
                if (!nodes.containsKey(e.getKey())) {
                    all.addAll(e.getValue());
                }
            }
            return new Analysis(design, reports, all, networks, totals, byId);
        }
    }
}
