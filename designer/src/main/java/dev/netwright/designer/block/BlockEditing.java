package dev.netwright.designer.block;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.model.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Edit block": a block definition as a design the canvas can edit and analyse, and back. Each input port becomes an
 * Input layer named after the port (shaped like what the instance receives, so shapes and counts show while
 * editing); exposed parameter references ({@code $filters}) take the instance's values so every layer has a real
 * value. Saving turns the Input layers back into ports and puts each reference back where its value was left
 * unchanged; a value changed while editing becomes that layer's own fixed value.
 */
public final class BlockEditing {
    private static final String INPUT = "Input";
    private static final List<Integer> UNKNOWN_SHAPE = List.of(1);

    private BlockEditing() {
    }

    /**
     * An open block: the design shown and, per inner layer, its parameters that refer to an exposed parameter (with
     * the value shown for them).
     */
    public record Editing(BlockDefinition block, Design design, Map<String, Map<String, Bound>> bindings) {
        public Editing {
            bindings = Map.copyOf(bindings);
        }
    }

    /** An inner parameter bound to exposed parameter {@code exposed}, shown with {@code value}. */
    public record Bound(String exposed, Object value) {
    }

    /**
     * @param values     the instance's exposed values (missing ones take the defaults)
     * @param portShapes per input port, the shape the instance receives (without the batch dimension), null if unknown
     */
    public static Editing open(BlockDefinition block, Map<String, Object> values, List<Shape> portShapes) {
        Map<String, Object> exposed = new HashMap<>();
        block.params().forEach(p -> exposed.put(p.name(), values.getOrDefault(p.name(), p.defaultValue())));
        double minX = block.nodes().stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < block.inputs().size(); i++) {
            Shape shape = i < portShapes.size() ? portShapes.get(i) : null;
            List<Integer> dims = shape == null ? UNKNOWN_SHAPE : Arrays.stream(shape.dims()).boxed().toList();
            nodes.add(new Node(block.inputs().get(i), INPUT, Map.of("shape", dims), new Position(minX + 240.0 * i,
                    -140)));
        }
        Map<String, Map<String, Bound>> bindings = new HashMap<>();
        for (Node n : block.nodes()) {
            Map<String, Object> params = new LinkedHashMap<>();
            n.params().forEach((k, v) -> {
                if (v instanceof String s && s.startsWith("$") && exposed.containsKey(s.substring(1))) {
                    Object shown = exposed.get(s.substring(1));
                    params.put(k, shown);
                    bindings.computeIfAbsent(n.id(), id -> new HashMap<>()).put(k, new Bound(s.substring(1), shown));
                } else {
                    params.put(k, v);
                }
            });
            nodes.add(n.withParams(params));
        }
        Design design = new Design("Block " + block.name(), block.description(), nodes, block.edges(), List.of());
        return new Editing(block, design, bindings);
    }

    /**
     * The edited design as the block's next version.
     *
     * @throws IllegalArgumentException when the design has no Input layer, or no single layer to be the output
     */
    public static BlockDefinition save(Editing editing, Design edited, String description, int version) {
        BlockDefinition old = editing.block();
        List<String> inputs = new ArrayList<>(old.inputs().stream()
                .filter(p -> edited.node(p).map(n -> INPUT.equals(n.type())).orElse(false)).toList());
        edited.nodes().stream().filter(n -> INPUT.equals(n.type()) && !inputs.contains(n.id())).map(Node::id).sorted()
                .forEach(inputs::add);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a block needs an Input layer for each of its input ports");
        }
        Set<String> ports = Set.copyOf(inputs);
        List<Node> nodes = new ArrayList<>();
        for (Node n : edited.nodes()) {
            if (ports.contains(n.id())) {
                continue;
            }
            Map<String, Bound> bound = editing.bindings().getOrDefault(n.id(), Map.of());
            Map<String, Object> params = new LinkedHashMap<>();
            n.params().forEach((k, v) -> {
                Bound b = bound.get(k);
                params.put(k, b != null && Objects.equals(b.value(), v) ? "$" + b.exposed() : v);
            });
            nodes.add(n.withParams(params));
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a block needs at least one layer besides its inputs");
        }
        return new BlockDefinition(old.name(), version, description, inputs, output(old, edited, ports, nodes),
                old.params(), nodes, edited.edges());
    }

    /** The old output if it is still there, else the one layer nothing else reads from. */
    private static String output(BlockDefinition old, Design edited, Set<String> ports, List<Node> nodes) {
        if (edited.node(old.output()).isPresent() && !ports.contains(old.output())) {
            return old.output();
        }
        Set<String> read = edited.edges().stream().map(Edge::from).collect(Collectors.toSet());
        List<String> sinks = nodes.stream().map(Node::id).filter(id -> !read.contains(id)).toList();
        if (sinks.size() != 1) {
            throw new IllegalArgumentException("the block's output layer '" + old.output() + "' is gone and "
                    + (sinks.isEmpty() ? "no layer" : "more than one layer (" + String.join(", ", sinks) + ")")
                    + " could be the output: leave exactly one layer whose output nothing else reads");
        }
        return sinks.get(0);
    }
}
