package dev.netwright.engine.onnximport;

import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.model.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The design an import builds, node by node: each node's output shape is inferred by the catalog as it is added (so
 * a mistranslation fails at the node that causes it), and weights are kept per node in PyTorch's state-dict names.
 */
final class DesignUnderConstruction {
    /** A tensor flowing through the graph: the node producing it, its shape, and the shape ONNX gives it. */
    record Activation(String nodeId, Shape shape, Shape onnxShape) {
        /** Whether the design's shape differs from ONNX's only by size-1 axes (global pooling keeps [C, 1, 1]). */
        boolean squeezed() {
            return !shape.equals(onnxShape);
        }
    }

    private final LayerCatalog catalog;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Map<String, OnnxTensor>> weights = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();

    DesignUnderConstruction(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** A unique node id made from a wanted one. */
    String uniqueId(String wanted) {
        String base = wanted == null || wanted.isBlank() ? "node" : wanted;
        String id = base;
        for (int i = 2; ids.contains(id); i++) {
            id = base + "_" + i;
        }
        ids.add(id);
        return id;
    }

    /** Adds a node fed by {@code inputs} (in port order); its shape is inferred here. */
    Activation add(String id, String type, Map<String, Object> params, List<Activation> inputs) throws ShapeException {
        LayerKind kind = catalog.find(type).orElseThrow(() -> new IllegalStateException("no layer type " + type));
        LayerCatalog.CheckedParams checked = catalog.check(kind, params);
        if (!checked.valid()) {
            throw new ShapeException(type + " parameters: " + checked.issues().get(0).message(),
                    checked.issues().get(0).hint());
        }
        List<Shape> in = inputs.stream().map(Activation::shape).toList();
        Shape out = kind.outputShape(in, checked.params());
        ids.add(id);
        nodes.put(id, new Node(id, type, params, Position.ORIGIN));
        for (int port = 0; port < inputs.size(); port++) {
            edges.add(new Edge(inputs.get(port).nodeId(), id, port));
        }
        shapes.put(id, out);
        return new Activation(id, out, out);
    }

    void weights(String nodeId, Map<String, OnnxTensor> tensors) {
        weights.put(nodeId, new LinkedHashMap<>(tensors));
    }

    String type(String nodeId) {
        return nodes.get(nodeId).type();
    }

    Object param(String nodeId, String name) {
        return nodes.get(nodeId).params().get(name);
    }

    /**
     * Sets the activation of a Dense or convolution node whose activation is still linear (an activation node right
     * after it, folded in); false when the node cannot take it.
     */
    boolean foldActivation(String nodeId, ActivationFunction f, double alpha) {
        Node n = nodes.get(nodeId);
        if (!List.of("Dense", "Conv1D", "Conv2D", "ConvTranspose2D").contains(n.type())
                || !"linear".equals(n.params().getOrDefault("activation", "linear"))) {
            return false;
        }
        Node folded = n.withParam("activation", f.jsonName());
        if (f.usesAlpha()) {
            folded = folded.withParam("alpha", alpha);
        }
        nodes.put(nodeId, folded);
        return true;
    }

    List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    List<Edge> edges() {
        return List.copyOf(edges);
    }

    Map<String, Map<String, OnnxTensor>> weights() {
        return weights;
    }

    /** An int array as a parameter value. */
    static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
