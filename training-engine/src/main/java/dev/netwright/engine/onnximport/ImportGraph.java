package dev.netwright.engine.onnximport;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ONNX graph being translated: the value of every tensor name (a constant {@link OnnxTensor} from initializers
 * and folding, an {@link Activation} the design computes, or a marker an op family leaves for the next node), which
 * nodes read each name, and the design the translation adds layers to. Node ids come from the file's names here.
 */
final class ImportGraph {
    /** Weight names in ONNX files Netwright exports: {@code <node id>/weight_<n>}. */
    private static final Pattern OWN_WEIGHT = Pattern.compile("(.+)/weight_\\d+");

    private final GraphProto graph;
    private final DesignUnderConstruction design;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Set<NodeProto> consumed = new HashSet<>();

    /** Reads the initializers and who consumes what; {@link #input()} then adds the design's Input. */
    ImportGraph(GraphProto graph, DesignUnderConstruction design) {
        this.graph = graph;
        this.design = design;
        for (TensorProto t : graph.getInitializerList()) {
            try {
                values.put(t.getName(), OnnxTensor.of(t));
            } catch (IllegalArgumentException e) {
                throw new OnnxImportException(e.getMessage());
            }
        }
        for (NodeProto n : graph.getNodeList()) {
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
    }

    DesignUnderConstruction design() {
        return design;
    }

    Object value(String name) {
        return values.get(name);
    }

    void put(String name, Object value) {
        values.put(name, value);
    }

    /** The nodes reading {@code name}, in graph order. */
    List<NodeProto> consumers(String name) {
        return consumers.getOrDefault(name, List.of());
    }

    boolean isGraphOutput(String name) {
        return graphOutputs.contains(name);
    }

    /** Marks a node as translated together with an earlier one (a MatMul's bias Add), so it is skipped. */
    void consume(NodeProto n) {
        consumed.add(n);
    }

    boolean isConsumed(NodeProto n) {
        return consumed.contains(n);
    }

    void input() {
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> !values.containsKey(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new OnnxImportException("the graph has " + inputs.size() + " inputs ("
                    + inputs.stream().map(ValueInfoProto::getName).toList() + "); import reads networks with one");
        }
        ValueInfoProto in = inputs.get(0);
        int type = in.getType().getTensorType().getElemType();
        boolean ids = type == TensorProto.DataType.INT64_VALUE || type == TensorProto.DataType.INT32_VALUE;
        if (ids && !consumers(in.getName()).stream().allMatch(n -> n.getOpType().equals("Gather")
                && n.getInputCount() == 2 && n.getInput(1).equals(in.getName())
                && values.get(n.getInput(0)) instanceof OnnxTensor)) {
            throw new OnnxImportException("the input '" + in.getName() + "' holds integers but is not only read as"
                    + " token ids by an embedding lookup (Gather from a weight table); import reads float32 inputs"
                    + " or token ids");
        }
        if (!ids && type != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxImportException("the input '" + in.getName() + "' is not float32 (nor int64 token ids)");
        }
        List<TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
        if (dims.size() < 2) {
            throw new OnnxImportException("the input '" + in.getName() + "' has " + dims.size()
                    + " axes; import expects a batch axis first, then the sample's axes");
        }
        int[] sample = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() < 1) {
                throw new OnnxImportException("the input '" + in.getName() + "' has no fixed size on axis " + i
                        + " (" + dims.get(i).getDimParam() + "); export with a fixed sample shape");
            }
            sample[i - 1] = (int) dims.get(i).getDimValue();
        }
        String id = design.uniqueId("input");
        try {
            values.put(in.getName(), design.add(id, "Input", Map.of("shape",
                    Arrays.stream(sample).boxed().toList()), List.of()));
        } catch (ShapeException e) {
            throw new OnnxImportException("the input shape " + Arrays.toString(sample) + " is not usable: "
                    + e.getMessage());
        }
    }

    void layer(NodeProto n, String type, Map<String, Object> params, List<Activation> inputs,
                       Map<String, OnnxTensor> weights) throws ShapeException {
        Activation out = design.add(id(n), type, params, inputs);
        if (!weights.isEmpty()) {
            design.weights(out.nodeId(), weights);
        }
        values.put(n.getOutput(0), out);
    }

    /** A rank-1 view: the Activation itself when the design already has it flat, else a Flatten layer. */
    Activation flat(Activation x) throws ShapeException {
        if (x.shape().rank() == 1) {
            return new Activation(x.nodeId(), x.shape(), x.shape());
        }
        return design.add(design.uniqueId(x.nodeId() + "_flat"), "Flatten", Map.of(), List.of(x));
    }

    /** The Activation with the design's shape equal to ONNX's: a Reshape when global pooling squeezed it. */
    Activation unsqueezed(Activation x) throws ShapeException {
        if (!x.squeezed()) {
            return x;
        }
        return design.add(design.uniqueId(x.nodeId() + "_reshape"), "Reshape",
                Map.of("shape", DesignUnderConstruction.list(x.onnxShape().dims())), List.of(x));
    }

    void alias(NodeProto n, Activation x) {
        values.put(n.getOutput(0), x);
    }

    Activation activation(NodeProto n, int input) throws UnsupportedOp {
        Object v = values.get(n.getInput(input));
        if (v instanceof Activation a) {
            return a;
        }
        if (v == null) {
            throw new UnsupportedOp(n.getOpType() + " (reads '" + n.getInput(input) + "', which nothing produces)");
        }
        throw new UnsupportedOp(n.getOpType() + " (on a constant)");
    }

    OnnxTensor constant(NodeProto n, int input, String unsupported) throws UnsupportedOp {
        if (input < n.getInputCount() && values.get(n.getInput(input)) instanceof OnnxTensor t) {
            return t;
        }
        throw new UnsupportedOp(unsupported);
    }

    boolean allConstant(NodeProto n) {
        return n.getInputList().stream().allMatch(i -> i.isEmpty() || values.get(i) instanceof OnnxTensor);
    }

    List<OnnxTensor> constants(NodeProto n) {
        List<OnnxTensor> out = new ArrayList<>();
        for (String i : n.getInputList()) {
            out.add(i.isEmpty() ? null : (OnnxTensor) values.get(i));
        }
        return out;
    }

    /**
     * A node id from the file's names: the module path of its weights (PyTorch's {@code layer1.0.conv1.weight},
     * Netwright's own {@code conv1/weight_3}), else the node's scope path.
     */
    String id(NodeProto n) {
        for (String in : n.getInputList()) {
            if (!(values.get(in) instanceof OnnxTensor)) {
                continue;
            }
            if (in.endsWith(".weight")) {
                return design.uniqueId(in.substring(0, in.length() - ".weight".length()));
            }
            Matcher own = OWN_WEIGHT.matcher(in);
            if (own.matches()) {
                return design.uniqueId(own.group(1));
            }
        }
        String path = "";
        String[] segments = n.getName().split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            String s = segments[i];
            if (s.isEmpty()) {
                continue;
            }
            path = path.isEmpty() || s.startsWith(path + ".") ? s : path + "." + s;
        }
        String op = n.getOpType().toLowerCase(java.util.Locale.ROOT);
        if (path.isEmpty()) {
            return design.uniqueId(op);
        }
        // Netwright names nodes "<node id>/<Op>_<n>"; PyTorch "/<module path>/<Op>"
        boolean own = segments[segments.length - 1].matches(Pattern.quote(n.getOpType())
                + "_\\d+");
        return design.uniqueId(own || path.endsWith(op) ? path : path + "." + op);
    }

    String label(NodeProto n) {
        return n.getName().isEmpty() ? n.getOpType() + " -> " + String.join(", ", n.getOutputList()) : n.getName();
    }
}
