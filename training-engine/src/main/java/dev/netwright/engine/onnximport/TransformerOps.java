package dev.netwright.engine.onnximport;

import static dev.netwright.engine.onnximport.NodeAttributes.floatAttr;
import static dev.netwright.engine.onnximport.NodeAttributes.intAttr;
import static dev.netwright.engine.onnximport.NodeAttributes.longs;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text models: an embedding lookup (Gather from a constant table by token ids), PyTorch's
 * {@code nn.TransformerEncoderLayer}, LayerNormalization and pooling over time (ReduceMean/ReduceMax). PyTorch exports an encoder layer
 * as some hundred nodes of attention arithmetic that reshape across the batch axis, which no layer-by-layer
 * translation can follow; the nodes are recognised by their module scope instead ({@code /<path>/self_attn/...}
 * inside a scope that also holds the two LayerNormalizations) and become one TransformerEncoder node, its
 * structure (width, heads, feed-forward width, pre- or post-norm, activation) read from the operators in the scope.
 */
final class TransformerOps {
    /** The scope of a node inside an attention module: {@code /encoder/layers.0/self_attn/MatMul} gives group 1. */
    private static final Pattern ATTENTION_SCOPE = Pattern.compile("^(.*/)self_attn/[^/]+$");

    private final ImportGraph graph;
    private final DesignUnderConstruction design;
    /** Encoder layer scopes and their nodes in graph order. */
    private final Map<String, List<NodeProto>> layers;
    private final Map<String, NodeProto> producers = new HashMap<>();

    TransformerOps(ImportGraph graph, List<NodeProto> nodes) {
        this.graph = graph;
        this.design = graph.design();
        this.layers = encoderLayers(nodes);
        for (NodeProto n : nodes) {
            n.getOutputList().forEach(o -> producers.put(o, n));
        }
    }

    /** Whether a Gather looks up rows of a constant table by the computed ids (an embedding). */
    boolean isEmbedding(NodeProto n) {
        return n.getInputCount() == 2 && graph.value(n.getInput(0)) instanceof OnnxTensor
                && !(graph.value(n.getInput(1)) instanceof OnnxTensor);
    }

    void embedding(NodeProto n) throws UnsupportedOp, ShapeException {
        OnnxTensor table = graph.constant(n, 0, "Gather (from a computed table)");
        Activation ids = graph.activation(n, 1);
        if (table.rank() != 2 || intAttr(n, "axis", 0) != 0 || ids.squeezed() || ids.shape().rank() != 1) {
            throw new UnsupportedOp("Gather (other than an embedding lookup of token ids [time] in a [vocabulary,"
                    + " dim] table)");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vocabSize", (int) table.dims()[0]);
        p.put("dim", (int) table.dims()[1]);
        graph.layer(n, "Embedding", p, List.of(ids), Map.of("weight", table));
    }

    /** Whether the node is one of an encoder layer's, translated with the layer's first node. */
    boolean inEncoderLayer(NodeProto n) {
        return scopeOf(n) != null;
    }

    /** The first node of an encoder layer: the whole layer becomes one TransformerEncoder node. */
    void encoderLayer(NodeProto first) throws UnsupportedOp, ShapeException {
        String scope = scopeOf(first);
        List<NodeProto> nodes = layers.get(scope);
        String label = "TransformerEncoderLayer " + scope;
        nodes.forEach(graph::consume); // translated as one, or reported once
        Set<String> produced = new HashSet<>();
        nodes.forEach(m -> produced.addAll(m.getOutputList()));
        Set<NodeProto> members = new HashSet<>(nodes);
        // constants the layer reads (the attention scale, shape arithmetic): folded here, before their turn
        for (NodeProto m : nodes) {
            for (String in : m.getInputList()) {
                NodeProto source = producers.get(in);
                if (source != null && !members.contains(source) && source.getOpType().equals("Constant")) {
                    OnnxTensor value = ConstantFolding.fold(source, List.of());
                    if (value != null) {
                        graph.put(in, value);
                    }
                }
            }
        }
        for (NodeProto m : nodes) {
            if (ConstantFolding.folds(m.getOpType()) && graph.allConstant(m)) {
                OnnxTensor folded = ConstantFolding.fold(m, graph.constants(m));
                if (folded != null) {
                    graph.put(m.getOutput(0), folded);
                }
            }
        }
        Set<String> external = new LinkedHashSet<>();
        for (NodeProto m : nodes) {
            for (String in : m.getInputList()) {
                if (!in.isEmpty() && !produced.contains(in) && !(graph.value(in) instanceof OnnxTensor)) {
                    external.add(in);
                }
            }
        }
        if (external.size() != 1 || !(graph.value(external.iterator().next()) instanceof Activation x)) {
            throw new UnsupportedOp(label + " (reading " + external + " instead of one sequence: masks and"
                    + " memories are not translated)");
        }
        List<String> outputs = new ArrayList<>();
        for (NodeProto m : nodes) {
            for (String out : m.getOutputList()) {
                if (graph.isGraphOutput(out) || graph.consumers(out).stream().anyMatch(c -> !members.contains(c))) {
                    outputs.add(out);
                }
            }
        }
        if (outputs.size() != 1) {
            throw new UnsupportedOp(label + " (with " + outputs.size() + " outputs)");
        }
        if (x.squeezed() || x.shape().rank() != 2) {
            throw new UnsupportedOp(label + " (on something other than a sequence [time, features])");
        }
        int dim = x.shape().last();

        List<Projection> projections = projections(nodes, label);
        if (projections.size() != 4 || projections.get(0).out() != 3 * dim || projections.get(1).out() != dim
                || projections.get(3).out() != dim || projections.get(3).in() != projections.get(2).out()) {
            throw new UnsupportedOp(label + " (projections other than PyTorch's in_proj, out_proj, linear1 and"
                    + " linear2)");
        }
        List<Norm> norms = norms(scope, nodes, label);
        if (norms.size() != 2) {
            throw new UnsupportedOp(label + " (" + norms.size() + " LayerNorms instead of 2)");
        }
        for (Norm norm : norms) {
            if (Math.abs(norm.epsilon() - 1e-5) > 1e-9) {
                throw new UnsupportedOp(label + " (LayerNorm epsilon " + norm.epsilon() + "; the layer has 1e-5)");
            }
        }
        boolean normFirst = norms.get(0).input().equals(external.iterator().next());
        String activation;
        if (nodes.stream().anyMatch(m -> m.getOpType().equals("Relu"))) {
            activation = "relu";
        } else if (nodes.stream().anyMatch(m -> m.getOpType().equals("Erf") || m.getOpType().equals("Gelu"))) {
            activation = "gelu";
        } else {
            throw new UnsupportedOp(label + " (a feed-forward activation other than relu or gelu)");
        }
        if (nodes.stream().filter(m -> m.getOpType().equals("Softmax")).count() != 1) {
            throw new UnsupportedOp(label + " (attention other than one softmax over the scores)");
        }
        int heads = heads(nodes, dim, label);

        Map<String, Object> p = new LinkedHashMap<>();
        p.put("heads", heads);
        p.put("dim", dim);
        p.put("ffDim", projections.get(2).out());
        p.put("normFirst", normFirst);
        p.put("activation", activation);
        Map<String, OnnxTensor> weights = new LinkedHashMap<>();
        String[] names = {"self_attn.in_proj_", "self_attn.out_proj.", "linear1.", "linear2."};
        for (int i = 0; i < names.length; i++) {
            weights.put(names[i] + "weight", projections.get(i).weight());
            weights.put(names[i] + "bias", projections.get(i).bias());
        }
        for (int i = 0; i < 2; i++) {
            weights.put("norm" + (i + 1) + ".weight", norms.get(i).weight());
            weights.put("norm" + (i + 1) + ".bias", norms.get(i).bias());
        }
        String id = design.uniqueId(scope.replaceAll("^/+|/+$", "").replace('/', '.'));
        Activation out = design.add(id, "TransformerEncoder", p, List.of(x));
        design.weights(out.nodeId(), weights);
        graph.put(outputs.get(0), out);
    }

    /** Every value the encoder layer starting at {@code first} computes (all unusable when it does not translate). */
    List<String> layerOutputs(NodeProto first) {
        return layers.get(scopeOf(first)).stream().flatMap(m -> m.getOutputList().stream()).toList();
    }

    /** A LayerNormalization over the last axis outside an encoder layer (the encoder's final norm): a LayerNorm. */
    void layerNorm(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.activation(n, 0);
        long axis = intAttr(n, "axis", -1);
        if (x.squeezed() || axis != -1 && axis != x.shape().rank()) {
            throw new UnsupportedOp("LayerNormalization (over other axes than the last)");
        }
        Map<String, OnnxTensor> weights = new LinkedHashMap<>();
        weights.put("weight", graph.constant(n, 1, "LayerNormalization (a computed scale)"));
        weights.put("bias", graph.constant(n, 2, "LayerNormalization (a computed shift)"));
        graph.layer(n, "LayerNorm", Map.of("epsilon", (double) floatAttr(n, "epsilon", 1e-5f)), List.of(x), weights);
    }

    /** ReduceMean or ReduceMax over the time axis of a sequence [time, features]: a SequencePool. */
    void reduceOverTime(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.activation(n, 0);
        long[] axes = n.getInputCount() > 1 ? graph.constant(n, 1, n.getOpType() + " (computed axes)").asLongs()
                : longs(n, "axes");
        if (x.squeezed() || x.shape().rank() != 2 || axes.length != 1 || axes[0] != 1 && axes[0] != -2
                || intAttr(n, "keepdims", 1) != 0) {
            throw new UnsupportedOp(n.getOpType() + " (other than over the time axis of a sequence, without"
                    + " keepdims)");
        }
        graph.layer(n, "SequencePool", Map.of("mode", n.getOpType().equals("ReduceMean") ? "mean" : "max"),
                List.of(x), Map.of());
    }

    /** A LayerNorm over the last axis: what it reads, its scale and shift and its epsilon. */
    private record Norm(String input, OnnxTensor weight, OnnxTensor bias, double epsilon) {
    }

    /**
     * The layer's LayerNorms in graph order: one LayerNormalization node each (opset 17 on), or PyTorch's
     * decomposition below opset 17 in a module scope of its own: ReduceMean, Sub, Pow, ReduceMean, Add epsilon,
     * Sqrt, Div, then Mul by the scale and Add of the shift.
     */
    private List<Norm> norms(String scope, List<NodeProto> nodes, String label) throws UnsupportedOp {
        Map<String, List<NodeProto>> units = new LinkedHashMap<>();
        for (NodeProto m : nodes) {
            String[] rest = m.getName().substring(scope.length()).split("/");
            if (m.getOpType().equals("LayerNormalization")) {
                units.put(m.getName(), List.of(m));
            } else if (rest.length > 1) {
                units.computeIfAbsent(rest[0], k -> new ArrayList<>()).add(m);
            }
        }
        List<Norm> out = new ArrayList<>();
        for (List<NodeProto> unit : units.values()) {
            if (unit.size() == 1 && unit.get(0).getOpType().equals("LayerNormalization")) {
                NodeProto n = unit.get(0);
                long axis = intAttr(n, "axis", -1);
                if (axis != -1 && axis != 2) {
                    throw new UnsupportedOp(label + " (LayerNormalization over other axes than the last)");
                }
                out.add(new Norm(n.getInput(0), graph.constant(n, 1, label + " (a computed LayerNorm scale)"),
                        graph.constant(n, 2, label + " (a computed LayerNorm shift)"), floatAttr(n, "epsilon", 1e-5f)));
            } else if (has(unit, "ReduceMean") && has(unit, "Sqrt") && has(unit, "Div")) {
                out.add(decomposedNorm(unit, label));
            }
        }
        return out;
    }

    private Norm decomposedNorm(List<NodeProto> unit, String label) throws UnsupportedOp {
        NodeProto mean = unit.stream().filter(m -> m.getOpType().equals("ReduceMean")).findFirst().orElseThrow();
        long[] axes = longs(mean, "axes");
        if (mean.getInputCount() > 1 || axes.length != 1 || axes[0] != -1 && axes[0] != 2) {
            throw new UnsupportedOp(label + " (a normalisation over other axes than the last)");
        }
        OnnxTensor epsilon = null;
        OnnxTensor weight = null;
        OnnxTensor bias = null;
        for (NodeProto m : unit) {
            OnnxTensor c = m.getInputCount() == 2 ? constantInput(m) : null;
            if (c == null) {
                continue;
            }
            switch (m.getOpType()) {
                case "Add" -> {
                    if (c.size() == 1 && epsilon == null) {
                        epsilon = c;
                    } else {
                        bias = c;
                    }
                }
                case "Mul" -> weight = c;
                default -> {
                    // Pow by 2: the variance
                }
            }
        }
        if (epsilon == null || weight == null || bias == null) {
            throw new UnsupportedOp(label + " (a normalisation without its epsilon, scale and shift)");
        }
        return new Norm(mean.getInput(0), weight, bias, epsilon.scalar());
    }

    private OnnxTensor constantInput(NodeProto m) {
        for (String in : m.getInputList()) {
            if (graph.value(in) instanceof OnnxTensor t) {
                return t;
            }
        }
        return null;
    }

    private static boolean has(List<NodeProto> nodes, String op) {
        return nodes.stream().anyMatch(m -> m.getOpType().equals(op));
    }

    /** A Linear inside the layer: MatMul by a constant [in, out] then Add of a constant [out], or a Gemm. */
    private record Projection(OnnxTensor weight, OnnxTensor bias) {
        int out() {
            return (int) weight.dims()[0];
        }

        int in() {
            return (int) weight.dims()[1];
        }
    }

    private List<Projection> projections(List<NodeProto> nodes, String label) throws UnsupportedOp {
        List<Projection> out = new ArrayList<>();
        for (NodeProto m : nodes) {
            if (m.getOpType().equals("Gemm") && graph.value(m.getInput(1)) instanceof OnnxTensor b) {
                if (intAttr(m, "transA", 0) != 0 || floatAttr(m, "alpha", 1f) != 1f || floatAttr(m, "beta", 1f) != 1f
                        || m.getInputCount() < 3) {
                    throw new UnsupportedOp(label + " (a scaled or bias-free Gemm)");
                }
                OnnxTensor weight = intAttr(m, "transB", 0) == 1 ? b : b.transposed();
                out.add(new Projection(weight, graph.constant(m, 2, label + " (a computed bias)")
                        .reshaped((int) weight.dims()[0])));
            } else if (m.getOpType().equals("MatMul") && graph.value(m.getInput(1)) instanceof OnnxTensor w) {
                if (w.rank() != 2) {
                    throw new UnsupportedOp(label + " (a MatMul by a constant that is not a matrix)");
                }
                List<NodeProto> next = graph.consumers(m.getOutput(0));
                OnnxTensor bias = null;
                if (next.size() == 1 && next.get(0).getOpType().equals("Add")) {
                    NodeProto add = next.get(0);
                    String other = add.getInput(0).equals(m.getOutput(0)) ? add.getInput(1) : add.getInput(0);
                    if (graph.value(other) instanceof OnnxTensor t && t.size() == w.dims()[1]) {
                        bias = t.reshaped((int) w.dims()[1]);
                    }
                }
                if (bias == null) {
                    throw new UnsupportedOp(label + " (a projection without a bias)");
                }
                out.add(new Projection(w.transposed(), bias));
            }
        }
        return out;
    }

    /**
     * The number of heads from the scale of the scores: PyTorch divides q by sqrt(dim / heads) (or multiplies by
     * its inverse), a constant in the graph since the shapes are fixed.
     */
    private int heads(List<NodeProto> nodes, int dim, String label) throws UnsupportedOp {
        for (NodeProto m : nodes) {
            boolean div = m.getOpType().equals("Div");
            if ((div || m.getOpType().equals("Mul")) && m.getInputCount() == 2
                    && graph.value(m.getInput(1)) instanceof OnnxTensor c && c.size() == 1
                    && c.floats() != null && !(graph.value(m.getInput(0)) instanceof OnnxTensor)) {
                double scale = c.scalar();
                double headDim = div ? scale * scale : 1 / (scale * scale);
                long rounded = Math.round(headDim);
                if (rounded >= 1 && Math.abs(headDim - rounded) < 1e-3 * rounded && dim % rounded == 0) {
                    return (int) (dim / rounded);
                }
            }
        }
        throw new UnsupportedOp(label + " (no 1/sqrt(head size) scale of the attention scores found)");
    }

    private String scopeOf(NodeProto n) {
        for (String scope : layers.keySet()) {
            if (n.getName().startsWith(scope)) {
                return scope;
            }
        }
        return null;
    }

    /**
     * Scopes with an attention module and layer normalisation in them (a LayerNormalization node, or below opset 17
     * the ReduceMean of a {@code norm} module): PyTorch's encoder layers. Their structure is checked on translation.
     */
    private static Map<String, List<NodeProto>> encoderLayers(List<NodeProto> nodes) {
        Set<String> candidates = new LinkedHashSet<>();
        for (NodeProto n : nodes) {
            Matcher m = ATTENTION_SCOPE.matcher(n.getName());
            if (m.matches()) {
                candidates.add(m.group(1));
            }
        }
        Map<String, List<NodeProto>> out = new LinkedHashMap<>();
        for (String scope : candidates) {
            List<NodeProto> members = nodes.stream().filter(n -> n.getName().startsWith(scope)).toList();
            boolean norms = members.stream().anyMatch(n -> n.getOpType().equals("LayerNormalization")
                    || n.getOpType().equals("ReduceMean") && n.getName().startsWith(scope + "norm"));
            if (norms) {
                out.put(scope, members);
            }
        }
        return out;
    }
}
