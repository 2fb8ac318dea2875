package dev.netwright.engine.onnximport;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.ConvolutionArithmetic;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Shape;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates an ONNX graph into a design and its weights. Supported: what PyTorch exports (opset 13 to 18) for MLPs,
 * CNNs (grouped and depthwise convolutions, explicit padding, ReLU6 as Clip, global and 1x1 adaptive average
 * pooling), residual networks and Gemm or MatMul+Add heads. Constants are folded (shape arithmetic included),
 * Identity and Dropout disappear, an activation right after a Dense or convolution becomes that layer's activation,
 * and BatchNormalization stays a BatchNorm layer (not folded into the convolution) so it can be fine-tuned. Anything
 * else is collected, and one {@link OnnxImportException} lists every unsupported operator with its node names.
 */
public final class OnnxImporter {
    /** Operators translated into layers (in some or all of their forms); constants fold others. */
    private static final Set<String> TRANSLATED = Set.of("Identity", "Dropout", "Shape", "Pad", "Conv", "Gemm", "MatMul",
            "BatchNormalization", "Relu", "Sigmoid", "Tanh", "Softplus", "Selu", "LeakyRelu", "Elu", "Softmax", "Clip",
            "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Flatten", "Reshape", "Squeeze", "Unsqueeze",
            "Add", "Mul", "Concat", "RNN", "LSTM", "GRU", "Transpose", "Gather");
    /** Weight names in ONNX files Netwright exports: {@code <node id>/weight_<n>}. */
    private static final java.util.regex.Pattern OWN_WEIGHT = java.util.regex.Pattern.compile("(.+)/weight_\\d+");
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 18;

    /** A design with its weights by node id, in PyTorch's state-dict names ({@code weight}, {@code running_mean}). */
    record Imported(Design design, Map<String, Map<String, OnnxTensor>> weights) {
    }

    /** A Pad whose zeros the next convolution takes over as its own padding. */
    private record PendingPad(Activation input, int[] pads) {
    }

    /** A batch-first Activation [N, T, F] seen by ONNX time-major, [T, N, F] (how PyTorch feeds its RNN ops). */
    private record TimeMajor(Activation input) {
    }

    /**
     * The Y output of an RNN, LSTM or GRU op: ONNX [T, directions, N, H], or with {@code split} [T, N, directions, H]
     * after PyTorch's transpose; the design's node gives [T, directions x H] batch-first.
     */
    private record RecurrentOutput(Activation sequence, boolean split) {
    }

    /** An operator form the import does not translate; the key groups the nodes in the error. */
    private static final class Unsupported extends Exception {
        Unsupported(String key) {
            super(key, null, false, false);
        }
    }

    private final LayerCatalog catalog;

    public OnnxImporter() {
        this(LayerCatalog.standard());
    }

    public OnnxImporter(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** Reads the file's graph; {@code name} names the design. */
    Imported read(byte[] onnx, String name) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException("the file is not an ONNX model (it does not parse as ModelProto: "
                    + e.getMessage() + ")");
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new OnnxImportException("the file is not an ONNX model with a graph");
        }
        for (OperatorSetIdProto set : model.getOpsetImportList()) {
            boolean standard = set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx");
            if (standard && (set.getVersion() < MIN_OPSET || set.getVersion() > MAX_OPSET)) {
                throw new OnnxImportException("the model uses ONNX opset " + set.getVersion() + "; import reads"
                        + " opsets " + MIN_OPSET + " to " + MAX_OPSET + " (export again with opset_version=17)");
            }
        }
        return new Run(model, name).translate();
    }

    /** One translation: the graph's values and the design being built. */
    private final class Run {
        private final ModelProto model;
        private final GraphProto graph;
        private final String name;
        private final DesignUnderConstruction design = new DesignUnderConstruction(catalog);
        private final Map<String, Object> values = new HashMap<>(); // OnnxTensor, Activation or PendingPad
        private final Set<String> broken = new HashSet<>();
        private final Map<String, List<NodeProto>> consumers = new HashMap<>();
        private final Set<String> graphOutputs = new HashSet<>();
        private final Set<NodeProto> consumed = new HashSet<>();
        private final Map<String, List<String>> unsupported = new TreeMap<>();

        Run(ModelProto model, String name) {
            this.model = model;
            this.graph = model.getGraph();
            this.name = name;
        }

        Imported translate() {
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
            if (graph.getOutputCount() != 1) {
                throw new OnnxImportException("the graph has " + graph.getOutputCount() + " outputs; import reads"
                        + " networks with one output");
            }
            input();
            for (NodeProto n : graph.getNodeList()) {
                if (consumed.contains(n)) {
                    continue;
                }
                if (n.getInputList().stream().anyMatch(broken::contains)) {
                    // after an unsupported node only the operator types can be checked, which is enough to list them
                    if (!TRANSLATED.contains(n.getOpType())) {
                        unsupported.computeIfAbsent(n.getOpType(), k -> new ArrayList<>()).add(label(n));
                    }
                    broken.addAll(n.getOutputList());
                    continue;
                }
                try {
                    convert(n);
                } catch (Unsupported u) {
                    unsupported.computeIfAbsent(u.getMessage(), k -> new ArrayList<>()).add(label(n));
                    broken.addAll(n.getOutputList());
                } catch (ShapeException e) {
                    unsupported.computeIfAbsent(n.getOpType() + " (" + e.getMessage() + ")",
                            k -> new ArrayList<>()).add(label(n));
                    broken.addAll(n.getOutputList());
                }
            }
            if (!unsupported.isEmpty()) {
                throw new OnnxImportException(unsupported);
            }
            Object out = values.get(graph.getOutput(0).getName());
            if (!(out instanceof Activation)) {
                throw new OnnxImportException("the graph's output '" + graph.getOutput(0).getName()
                        + "' does not depend on its input");
            }
            String description = "Imported from ONNX" + (model.getProducerName().isEmpty() ? ""
                    : " (" + model.getProducerName() + " " + model.getProducerVersion() + ", opset "
                    + model.getOpsetImportList().stream().mapToLong(OperatorSetIdProto::getVersion).max().orElse(0)
                    + ")");
            Design d = new Design(name, description, design.laidOut(), design.edges(), null);
            Analysis analysis = new DesignAnalyzer(catalog).analyze(d);
            if (!analysis.valid()) {
                throw new OnnxImportException("the imported design is not valid: " + analysis.errors());
            }
            return new Imported(d, design.weights());
        }

        private void input() {
            List<ValueInfoProto> inputs = graph.getInputList().stream()
                    .filter(v -> !values.containsKey(v.getName())).toList();
            if (inputs.size() != 1) {
                throw new OnnxImportException("the graph has " + inputs.size() + " inputs ("
                        + inputs.stream().map(ValueInfoProto::getName).toList() + "); import reads networks with one");
            }
            ValueInfoProto in = inputs.get(0);
            if (in.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
                throw new OnnxImportException("the input '" + in.getName() + "' is not float32");
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

        private void convert(NodeProto n) throws Unsupported, ShapeException {
            String op = n.getOpType();
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                throw new Unsupported(n.getDomain() + "." + op);
            }
            if (ConstantFolding.folds(op) && allConstant(n)) {
                OnnxTensor folded = ConstantFolding.fold(n, constants(n));
                if (folded == null) {
                    throw new Unsupported(op + " (on these constants)");
                }
                values.put(n.getOutput(0), folded);
                return;
            }
            switch (op) {
                case "Identity", "Dropout" -> alias(n, activation(n, 0));
                case "Shape" -> {
                    Activation a = activation(n, 0);
                    long[] dims = new long[a.onnxShape().rank() + 1];
                    dims[0] = 1; // the batch: import treats the first axis of every shape as the batch
                    for (int i = 0; i < a.onnxShape().rank(); i++) {
                        dims[i + 1] = a.onnxShape().dim(i);
                    }
                    values.put(n.getOutput(0), OnnxTensor.ofLongs(dims, dims.length));
                }
                case "Pad" -> pad(n);
                case "Conv" -> conv(n);
                case "RNN", "LSTM", "GRU" -> recurrent(n);
                case "Transpose" -> transpose(n);
                case "Gather" -> gatherStep(n);
                case "Gemm" -> gemm(n);
                case "MatMul" -> matMul(n);
                case "BatchNormalization" -> batchNorm(n);
                case "Relu" -> activationOp(n, ActivationFunction.RELU, 0);
                case "Sigmoid" -> activationOp(n, ActivationFunction.SIGMOID, 0);
                case "Tanh" -> activationOp(n, ActivationFunction.TANH, 0);
                case "Softplus" -> activationOp(n, ActivationFunction.SOFTPLUS, 0);
                case "Selu" -> activationOp(n, ActivationFunction.SELU, 0);
                case "LeakyRelu" -> activationOp(n, ActivationFunction.LEAKY_RELU, floatAttr(n, "alpha", 0.01f));
                case "Elu" -> {
                    if (floatAttr(n, "alpha", 1f) != 1f) {
                        throw new Unsupported("Elu (alpha other than 1)");
                    }
                    activationOp(n, ActivationFunction.ELU, 0);
                }
                case "Softmax" -> {
                    Activation a = activation(n, 0);
                    long axis = intAttr(n, "axis", -1);
                    if (axis != -1 && axis != a.onnxShape().rank()) {
                        throw new Unsupported("Softmax (over an axis other than the last)");
                    }
                    activationOp(n, ActivationFunction.SOFTMAX, 0);
                }
                case "Clip" -> clip(n);
                case "MaxPool", "AveragePool" -> pool(n);
                case "GlobalAveragePool", "GlobalMaxPool" -> globalPool(n);
                case "Flatten" -> flatten(n);
                case "Reshape" -> reshape(n);
                case "Squeeze", "Unsqueeze" -> squeeze(n);
                case "Add", "Mul" -> merge(n, op.equals("Add") ? "Add" : "Multiply");
                case "Concat" -> concat(n);
                default -> throw new Unsupported(op);
            }
        }

        // ---- layers -------------------------------------------------------------------------------------------

        /** Zero padding of the spatial axes, kept for the convolution that reads it (torch's ZeroPad2d). */
        private void pad(NodeProto n) throws Unsupported {
            Activation x = activation(n, 0);
            if (!stringAttr(n, "mode", "constant").equals("constant")
                    || n.getInputCount() > 2 && !n.getInput(2).isEmpty()
                    && constant(n, 2, "Pad (computed value)").scalar() != 0 || n.getInputCount() > 3) {
                throw new Unsupported("Pad (other than zeros on every axis)");
            }
            long[] pads = n.getInputCount() > 1 ? constant(n, 1, "Pad (computed pads)").asLongs() : longs(n, "pads");
            int rank = x.onnxShape().rank() + 1;
            List<NodeProto> next = consumers.getOrDefault(n.getOutput(0), List.of());
            if (pads.length != 2 * rank || pads[0] != 0 || pads[1] != 0 || pads[rank] != 0 || pads[rank + 1] != 0
                    || next.size() != 1 || !next.get(0).getOpType().equals("Conv")) {
                throw new Unsupported("Pad (other than spatial zero padding before a convolution)");
            }
            int axes = rank - 2;
            int[] spatial = new int[2 * axes];
            for (int a = 0; a < axes; a++) {
                spatial[a] = (int) pads[2 + a];
                spatial[a + axes] = (int) pads[rank + 2 + a];
            }
            values.put(n.getOutput(0), new PendingPad(x, spatial));
        }

        private void conv(NodeProto n) throws Unsupported, ShapeException {
            int[] extra = values.get(n.getInput(0)) instanceof PendingPad pending ? pending.pads() : null;
            Activation x = unsqueezed(extra != null ? ((PendingPad) values.get(n.getInput(0))).input()
                    : activation(n, 0));
            OnnxTensor w = constant(n, 1, "Conv (weights computed in the graph)");
            int axes = w.rank() - 2;
            if (axes < 1 || axes > 2 || x.shape().rank() != axes + 1) {
                throw new Unsupported("Conv (" + axes + "-D)");
            }
            String autoPad = stringAttr(n, "auto_pad", "NOTSET");
            if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
                throw new Unsupported("Conv (auto_pad " + autoPad + ")");
            }
            int[] kernel = new int[axes];
            for (int a = 0; a < axes; a++) {
                kernel[a] = (int) w.dims()[a + 2];
            }
            int[] strides = ints(n, "strides", axes, 1);
            int[] dilations = ints(n, "dilations", axes, 1);
            int[] pads = ints(n, "pads", 2 * axes, 0);
            if (extra != null) {
                for (int i = 0; i < pads.length; i++) {
                    pads[i] += extra[i];
                }
            }
            int groups = (int) intAttr(n, "group", 1);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("filters", (int) w.dims()[0]);
            p.put("kernelSize", list(kernel));
            p.put("stride", list(strides));
            p.put("dilation", list(dilations));
            padding(p, pads, kernel, dilations);
            if (groups != 1) {
                p.put("groups", groups);
            }
            Map<String, OnnxTensor> weights = new LinkedHashMap<>();
            weights.put("weight", w);
            if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                weights.put("bias", constant(n, 2, "Conv (bias computed in the graph)"));
            } else {
                p.put("useBias", false);
            }
            layer(n, "Conv" + axes + "D", p, List.of(x), weights);
        }

        /** valid, same (symmetric (k - 1) d / 2) or explicit pads in ONNX order. */
        private void padding(Map<String, Object> p, int[] pads, int[] kernel, int[] dilations) {
            if (Arrays.stream(pads).allMatch(v -> v == 0)) {
                p.put("padding", ConvolutionArithmetic.VALID);
                return;
            }
            boolean same = true;
            for (int a = 0; a < kernel.length; a++) {
                int sym = ConvolutionArithmetic.padding(ConvolutionArithmetic.SAME, kernel[a], dilations[a]);
                same &= pads[a] == sym && pads[a + kernel.length] == sym && (dilations[a] * (kernel[a] - 1)) % 2 == 0;
            }
            if (same) {
                p.put("padding", ConvolutionArithmetic.SAME);
            } else {
                p.put("padding", ConvolutionArithmetic.EXPLICIT);
                p.put("pads", list(pads));
            }
        }

        private void gemm(NodeProto n) throws Unsupported, ShapeException {
            Activation x = flat(activation(n, 0));
            if (intAttr(n, "transA", 0) != 0) {
                throw new Unsupported("Gemm (transA)");
            }
            OnnxTensor b = constant(n, 1, "Gemm (weights computed in the graph)");
            OnnxTensor weight = intAttr(n, "transB", 0) == 1 ? b : b.transposed(); // to PyTorch's [out, in]
            double alpha = floatAttr(n, "alpha", 1f);
            if (alpha != 1) {
                weight = weight.scaled(alpha);
            }
            Map<String, OnnxTensor> weights = new LinkedHashMap<>();
            weights.put("weight", weight);
            int units = (int) weight.dims()[0];
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("units", units);
            if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                OnnxTensor c = constant(n, 2, "Gemm (bias computed in the graph)");
                if (c.size() != units) {
                    throw new Unsupported("Gemm (a bias that is not one value per output)");
                }
                weights.put("bias", c.scaled(floatAttr(n, "beta", 1f)).reshaped(units));
            } else {
                p.put("useBias", false);
            }
            layer(n, "Dense", p, List.of(x), weights);
        }

        /** x @ W with a constant W is a Dense layer; an Add of a constant vector right after it is its bias. */
        private void matMul(NodeProto n) throws Unsupported, ShapeException {
            Activation x = activation(n, 0);
            OnnxTensor w = constant(n, 1, "MatMul (of two computed tensors)");
            if (w.rank() != 2 || w.dims()[0] != x.shape().last()) {
                throw new Unsupported("MatMul (weights that are not an [in, out] matrix)");
            }
            Map<String, OnnxTensor> weights = new LinkedHashMap<>();
            weights.put("weight", w.transposed());
            Map<String, Object> p = new LinkedHashMap<>();
            int units = (int) w.dims()[1];
            p.put("units", units);
            List<NodeProto> next = consumers.getOrDefault(n.getOutput(0), List.of());
            NodeProto add = next.size() == 1 && next.get(0).getOpType().equals("Add")
                    && !graphOutputs.contains(n.getOutput(0)) ? next.get(0) : null;
            OnnxTensor bias = null;
            if (add != null) {
                String other = add.getInput(0).equals(n.getOutput(0)) ? add.getInput(1) : add.getInput(0);
                if (values.get(other) instanceof OnnxTensor t && t.size() == units) {
                    bias = t.reshaped(units);
                }
            }
            if (bias != null) {
                weights.put("bias", bias);
                consumed.add(add);
            } else {
                p.put("useBias", false);
            }
            Activation out = design.add(id(n), "Dense", p, List.of(x));
            design.weights(out.nodeId(), weights);
            values.put(n.getOutput(0), out);
            if (add != null && bias != null) {
                values.put(add.getOutput(0), out);
            }
        }

        private void batchNorm(NodeProto n) throws Unsupported, ShapeException {
            Activation x = unsqueezed(activation(n, 0));
            if (intAttr(n, "training_mode", 0) != 0) {
                throw new Unsupported("BatchNormalization (training mode)");
            }
            Map<String, OnnxTensor> weights = new LinkedHashMap<>();
            weights.put("weight", constant(n, 1, "BatchNormalization (computed scale)"));
            weights.put("bias", constant(n, 2, "BatchNormalization (computed shift)"));
            weights.put("running_mean", constant(n, 3, "BatchNormalization (computed mean)"));
            weights.put("running_var", constant(n, 4, "BatchNormalization (computed variance)"));
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("axis", 0);
            // ONNX momentum weighs the old statistics, PyTorch's (ours) the new batch
            p.put("momentum", Math.round((1 - floatAttr(n, "momentum", 0.9f)) * 1e6) / 1e6);
            p.put("epsilon", (double) floatAttr(n, "epsilon", 1e-5f));
            layer(n, "BatchNorm", p, List.of(x), weights);
        }

        private void clip(NodeProto n) throws Unsupported, ShapeException {
            double min = n.getInputCount() > 1 && !n.getInput(1).isEmpty()
                    ? constant(n, 1, "Clip (computed bounds)").scalar() : floatAttr(n, "min", Float.NEGATIVE_INFINITY);
            double max = n.getInputCount() > 2 && !n.getInput(2).isEmpty()
                    ? constant(n, 2, "Clip (computed bounds)").scalar() : floatAttr(n, "max", Float.POSITIVE_INFINITY);
            if (min == 0 && max == 6) {
                activationOp(n, ActivationFunction.RELU6, 0);
            } else if (min == 0 && Double.isInfinite(max)) {
                activationOp(n, ActivationFunction.RELU, 0);
            } else {
                throw new Unsupported("Clip (bounds other than 0 to 6 or 0 to infinity)");
            }
        }

        /** Folded into the layer before it when that is its only use, else an Activation layer. */
        private void activationOp(NodeProto n, ActivationFunction f, float alpha) throws Unsupported, ShapeException {
            Activation x = activation(n, 0);
            String input = n.getInput(0);
            boolean onlyUse = consumers.getOrDefault(input, List.of()).size() == 1 && !graphOutputs.contains(input);
            if (onlyUse && !x.squeezed() && design.foldActivation(x.nodeId(), f, alpha)) {
                values.put(n.getOutput(0), x);
                return;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("function", f.jsonName());
            if (f.usesAlpha()) {
                p.put("alpha", (double) alpha);
            }
            Activation out = design.add(id(n), "Activation", p, List.of(x));
            values.put(n.getOutput(0), new Activation(out.nodeId(), out.shape(), x.onnxShape()));
        }

        private void pool(NodeProto n) throws Unsupported, ShapeException {
            Activation x = unsqueezed(activation(n, 0));
            int axes = x.shape().rank() - 1;
            if (axes < 1 || axes > 2) {
                throw new Unsupported(n.getOpType() + " (" + axes + "-D)");
            }
            if (intAttr(n, "ceil_mode", 0) != 0) {
                throw new Unsupported(n.getOpType() + " (ceil_mode)");
            }
            int[] kernel = ints(n, "kernel_shape", axes, 1);
            int[] strides = ints(n, "strides", axes, 1);
            int[] pads = ints(n, "pads", 2 * axes, 0);
            if (Arrays.stream(ints(n, "dilations", axes, 1)).anyMatch(d -> d != 1)) {
                throw new Unsupported(n.getOpType() + " (dilations)");
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("poolSize", list(kernel));
            p.put("stride", list(strides));
            if (Arrays.stream(pads).allMatch(v -> v == 0)) {
                p.put("padding", ConvolutionArithmetic.VALID);
            } else {
                for (int a = 0; a < axes; a++) {
                    int sym = ConvolutionArithmetic.padding(ConvolutionArithmetic.SAME, kernel[a], 1);
                    if (pads[a] != sym || pads[a + axes] != sym) {
                        throw new Unsupported(n.getOpType() + " (padding other than none or (size - 1) / 2)");
                    }
                }
                if (n.getOpType().equals("AveragePool") && intAttr(n, "count_include_pad", 0) == 0) {
                    throw new Unsupported("AveragePool (padding left out of the average)");
                }
                p.put("padding", ConvolutionArithmetic.SAME);
            }
            String type = (n.getOpType().equals("MaxPool") ? "MaxPool" : "AvgPool") + axes + "D";
            layer(n, type, p, List.of(x), Map.of());
        }

        /** GlobalAvgPool2D gives [C]; ONNX keeps [C, 1, 1], which later nodes see through the Activation. */
        private void globalPool(NodeProto n) throws Unsupported, ShapeException {
            Activation x = unsqueezed(activation(n, 0));
            if (x.shape().rank() != 3) {
                throw new Unsupported(n.getOpType() + " (not over an image [C, H, W])");
            }
            String type = n.getOpType().equals("GlobalAveragePool") ? "GlobalAvgPool2D" : "GlobalMaxPool2D";
            Activation out = design.add(id(n), type, Map.of(), List.of(x));
            values.put(n.getOutput(0), new Activation(out.nodeId(), out.shape(),
                    Shape.of(out.shape().dim(0), 1, 1)));
        }

        private void flatten(NodeProto n) throws Unsupported, ShapeException {
            Activation x = activation(n, 0);
            long axis = intAttr(n, "axis", 1);
            if (axis != 1) {
                throw new Unsupported("Flatten (axis other than 1)");
            }
            values.put(n.getOutput(0), flat(x));
        }

        private void reshape(NodeProto n) throws Unsupported, ShapeException {
            if (values.get(n.getInput(0)) instanceof RecurrentOutput y && y.split()) {
                long[] target = constant(n, 1, "Reshape (to a computed shape)").asLongs();
                long width = y.sequence().shape().last();
                if (target.length == 3 && (target[2] == -1 || target[2] == width)) {
                    values.put(n.getOutput(0), new TimeMajor(y.sequence())); // directions joined per step
                    return;
                }
                throw new Unsupported("Reshape (of a recurrent output other than joining its directions)");
            }
            Activation x = activation(n, 0);
            long[] target = constant(n, 1, "Reshape (to a computed shape)").asLongs();
            if (target.length < 1) {
                throw new Unsupported("Reshape (to a scalar)");
            }
            int[] sample = new int[target.length - 1];
            long known = 1;
            int inferred = -1;
            for (int i = 1; i < target.length; i++) {
                long d = target[i] == 0 && i - 1 < x.onnxShape().rank() ? x.onnxShape().dim(i - 1) : target[i];
                if (d == -1) {
                    inferred = i - 1;
                } else {
                    known *= d;
                }
                sample[i - 1] = (int) d;
            }
            if (inferred >= 0) {
                sample[inferred] = (int) (x.shape().elements() / known);
            }
            if (Arrays.stream(sample).asLongStream().reduce(1, (a, b) -> a * b) != x.shape().elements()) {
                throw new Unsupported("Reshape (across the batch axis)");
            }
            Shape wanted = Shape.of(sample);
            if (wanted.equals(x.shape())) {
                values.put(n.getOutput(0), new Activation(x.nodeId(), x.shape(), wanted));
            } else if (wanted.rank() == 1) {
                values.put(n.getOutput(0), flat(x));
            } else {
                Activation out = design.add(id(n), "Reshape", Map.of("shape", list(sample)), List.of(x));
                values.put(n.getOutput(0), out);
            }
        }

        /** Squeeze/Unsqueeze of size-1 axes: the same values, another ONNX shape. */
        private void squeeze(NodeProto n) throws Unsupported, ShapeException {
            if (values.get(n.getInput(0)) instanceof RecurrentOutput y && !y.split()
                    && n.getOpType().equals("Squeeze")) {
                long[] axes = n.getInputCount() > 1 ? constant(n, 1, "Squeeze (computed axes)").asLongs()
                        : longs(n, "axes");
                if (axes.length == 1 && (axes[0] == 1 || axes[0] == -3)
                        && y.sequence().shape().last() == hiddenOf(y)) {
                    values.put(n.getOutput(0), new TimeMajor(y.sequence()));
                    return;
                }
                throw new Unsupported("Squeeze (of a recurrent output other than its one direction)");
            }
            Activation x = activation(n, 0);
            long[] axes = n.getInputCount() > 1 ? constant(n, 1, n.getOpType() + " (computed axes)").asLongs()
                    : longs(n, "axes");
            List<Integer> dims = new ArrayList<>();
            for (int d : x.onnxShape().dims()) {
                dims.add(d);
            }
            int rank = x.onnxShape().rank() + 1;
            if (n.getOpType().equals("Squeeze")) {
                List<Integer> drop = new ArrayList<>();
                for (long a : axes) {
                    drop.add((int) (a < 0 ? a + rank : a) - 1);
                }
                drop.sort(java.util.Comparator.reverseOrder());
                for (int a : drop) {
                    if (a < 0 || dims.get(a) != 1) {
                        throw new Unsupported("Squeeze (of the batch axis or an axis longer than 1)");
                    }
                    dims.remove(a);
                }
            } else {
                int newRank = rank + axes.length;
                List<Long> sorted = Arrays.stream(axes).map(a -> a < 0 ? a + newRank : a).sorted().boxed().toList();
                for (long a : sorted) {
                    if (a == 0) {
                        throw new Unsupported("Unsqueeze (before the batch axis)");
                    }
                    dims.add((int) a - 1, 1);
                }
            }
            Shape onnx = dims.isEmpty() ? x.shape() : Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
            if (onnx.elements() != x.shape().elements()) {
                throw new Unsupported(n.getOpType());
            }
            values.put(n.getOutput(0), new Activation(x.nodeId(), x.shape(), onnx));
        }

        private void merge(NodeProto n, String type) throws Unsupported, ShapeException {
            List<Activation> inputs = new ArrayList<>();
            for (int i = 0; i < n.getInputCount(); i++) {
                if (!(values.get(n.getInput(i)) instanceof Activation a)) {
                    throw new Unsupported(n.getOpType() + " (with a constant)");
                }
                inputs.add(a);
            }
            Shape first = inputs.get(0).onnxShape();
            for (Activation a : inputs) {
                if (!a.onnxShape().equals(first)) {
                    throw new Unsupported(n.getOpType() + " (broadcasting between shapes)");
                }
            }
            if (!inputs.stream().allMatch(a -> a.shape().equals(inputs.get(0).shape()))) {
                List<Activation> same = new ArrayList<>();
                for (Activation a : inputs) {
                    same.add(unsqueezed(a));
                }
                inputs.clear();
                inputs.addAll(same);
            }
            Activation out = design.add(id(n), type, Map.of(), inputs);
            values.put(n.getOutput(0), new Activation(out.nodeId(), out.shape(), inputs.get(0).onnxShape()));
        }

        private void concat(NodeProto n) throws Unsupported, ShapeException {
            List<Activation> inputs = new ArrayList<>();
            for (int i = 0; i < n.getInputCount(); i++) {
                if (!(values.get(n.getInput(i)) instanceof Activation a)) {
                    throw new Unsupported("Concat (with a constant)");
                }
                inputs.add(unsqueezed(a));
            }
            long axis = intAttr(n, "axis", 1);
            int rank = inputs.get(0).shape().rank() + 1;
            long a = axis < 0 ? axis + rank : axis;
            if (a == 0) {
                throw new Unsupported("Concat (along the batch axis)");
            }
            layer(n, "Concatenate", Map.of("axis", (int) a - 1), inputs, Map.of());
        }

        /** RNN, LSTM and GRU ops over the whole sequence, one layer each, weights in PyTorch's gate order. */
        private void recurrent(NodeProto n) throws Unsupported, ShapeException {
            String op = n.getOpType();
            Activation x;
            if (intAttr(n, "layout", 0) == 1) {
                x = activation(n, 0);
            } else if (values.get(n.getInput(0)) instanceof TimeMajor t) {
                x = t.input();
            } else {
                throw new Unsupported(op + " (on a tensor that is not a transposed batch-first sequence)");
            }
            if (x.squeezed() || x.shape().rank() != 2) {
                throw new Unsupported(op + " (on something other than a sequence [time, features])");
            }
            String direction = stringAttr(n, "direction", "forward");
            if (direction.equals("reverse")) {
                throw new Unsupported(op + " (direction reverse)");
            }
            if (attr(n, "clip") != null || intAttr(n, "input_forget", 0) != 0) {
                throw new Unsupported(op + " (clip or input_forget)");
            }
            if (n.getInputCount() > 4 && !n.getInput(4).isEmpty()) {
                throw new Unsupported(op + " (sequence lengths)");
            }
            for (int i = 5; i < n.getInputCount(); i++) {
                if (!n.getInput(i).isEmpty()) {
                    OnnxTensor initial = constant(n, i, op + " (a computed initial state)");
                    for (float v : initial.asFloats()) {
                        if (v != 0) {
                            throw new Unsupported(op + " (an initial state other than zeros)");
                        }
                    }
                }
            }
            for (int o = 1; o < n.getOutputCount(); o++) {
                if (!consumers.getOrDefault(n.getOutput(o), List.of()).isEmpty()
                        || graphOutputs.contains(n.getOutput(o))) {
                    throw new Unsupported(op + " (its final state read as an output; use the sequence)");
                }
            }
            int hidden = (int) intAttr(n, "hidden_size", 0);
            boolean bidirectional = direction.equals("bidirectional");
            int dirs = bidirectional ? 2 : 1;
            // where each PyTorch gate block sits in ONNX's order (LSTM i o f c vs i f g o, GRU z r h vs r z n)
            int[] torchFromOnnx = switch (op) {
                case "LSTM" -> new int[] {0, 2, 3, 1};
                case "GRU" -> new int[] {1, 0, 2};
                default -> new int[] {0};
            };
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("units", hidden);
            p.put("bidirectional", bidirectional);
            p.put("returnSequences", true);
            String type = switch (op) {
                case "LSTM" -> "LSTM";
                case "GRU" -> "GRU";
                default -> "SimpleRNN";
            };
            if (op.equals("GRU") && intAttr(n, "linear_before_reset", 0) != 1) {
                throw new Unsupported("GRU (linear_before_reset 0; PyTorch's GRU has 1)");
            }
            if (op.equals("RNN")) {
                AttributeProto activations = attr(n, "activations");
                String f = activations == null || activations.getStringsCount() == 0 ? "Tanh"
                        : activations.getStrings(0).toStringUtf8();
                if (!f.equals("Tanh") && !f.equals("Relu")) {
                    throw new Unsupported("RNN (activation " + f + ")");
                }
                p.put("activation", f.equals("Relu") ? "relu" : "tanh");
            }
            OnnxTensor w = constant(n, 1, op + " (computed weights)");
            OnnxTensor r = constant(n, 2, op + " (computed weights)");
            OnnxTensor b = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? constant(n, 3, op + " (computed bias)")
                    : OnnxTensor.ofFloats(new float[dirs * 2 * torchFromOnnx.length * hidden], dirs,
                    2L * torchFromOnnx.length * hidden);
            int gates = torchFromOnnx.length * hidden;
            Map<String, OnnxTensor> weights = new LinkedHashMap<>();
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l0" + (d == 1 ? "_reverse" : "");
                weights.put("weight_ih" + suffix, gateOrder(slab(w, d), torchFromOnnx, hidden));
                weights.put("weight_hh" + suffix, gateOrder(slab(r, d), torchFromOnnx, hidden));
                OnnxTensor biases = slab(b, d);
                float[] all = biases.asFloats();
                weights.put("bias_ih" + suffix, gateOrder(OnnxTensor.ofFloats(Arrays.copyOfRange(all, 0, gates),
                        gates), torchFromOnnx, hidden));
                weights.put("bias_hh" + suffix, gateOrder(OnnxTensor.ofFloats(Arrays.copyOfRange(all, gates,
                        2 * gates), gates), torchFromOnnx, hidden));
            }
            Activation out = design.add(id(n), type, p, List.of(x));
            design.weights(out.nodeId(), weights);
            if (intAttr(n, "layout", 0) == 1) {
                values.put(n.getOutput(0), new Activation(out.nodeId(), out.shape(), Shape.of(x.shape().dim(0), dirs,
                        hidden)));
            } else {
                values.put(n.getOutput(0), new RecurrentOutput(out, false));
            }
        }

        private int hiddenOf(RecurrentOutput y) {
            return hiddenUnits(y.sequence());
        }

        /** Transposes PyTorch puts around its recurrent ops: into and out of time-major order. */
        private void transpose(NodeProto n) throws Unsupported, ShapeException {
            long[] perm = longs(n, "perm");
            Object v = values.get(n.getInput(0));
            if (v instanceof RecurrentOutput y && !y.split()) {
                if (Arrays.equals(perm, new long[] {0, 2, 1, 3})) {
                    values.put(n.getOutput(0), new RecurrentOutput(y.sequence(), true));
                    return;
                }
                if (Arrays.equals(perm, new long[] {2, 0, 1, 3})) {
                    Activation s = y.sequence();
                    int dirs = s.shape().last() / hiddenUnits(s);
                    values.put(n.getOutput(0), new Activation(s.nodeId(), s.shape(), Shape.of(s.shape().dim(0), dirs,
                            s.shape().last() / dirs)));
                    return;
                }
            } else if (v instanceof TimeMajor t && Arrays.equals(perm, new long[] {1, 0, 2})) {
                values.put(n.getOutput(0), new Activation(t.input().nodeId(), t.input().shape(), t.input().shape()));
                return;
            } else if (v instanceof Activation a && !a.squeezed() && a.shape().rank() == 2
                    && Arrays.equals(perm, new long[] {1, 0, 2})) {
                values.put(n.getOutput(0), new TimeMajor(a));
                return;
            }
            throw new Unsupported("Transpose (other than into or out of a recurrent layer's time-major order)");
        }

        private int hiddenUnits(Activation sequence) {
            return Integer.parseInt(String.valueOf(design.param(sequence.nodeId(), "units")));
        }

        /** One time step of a sequence [time, features] (out[:, -1] in PyTorch): a SequencePool. */
        private void gatherStep(NodeProto n) throws Unsupported, ShapeException {
            Activation x = activation(n, 0);
            OnnxTensor index = constant(n, 1, "Gather (with computed indexes)");
            if (x.squeezed() || x.shape().rank() != 2 || intAttr(n, "axis", 0) != 1 || index.size() != 1
                    || index.rank() != 0) {
                throw new Unsupported("Gather (other than one time step of a sequence)");
            }
            long i = index.asLongs()[0];
            int steps = x.shape().dim(0);
            String mode = i == 0 || i == -steps ? "first" : i == -1 || i == steps - 1 ? "last" : null;
            if (mode == null) {
                throw new Unsupported("Gather (a time step other than the first or the last)");
            }
            layer(n, "SequencePool", Map.of("mode", mode), List.of(x), Map.of());
        }

        // ---- helpers --------------------------------------------------------------------------------------------

        private void layer(NodeProto n, String type, Map<String, Object> params, List<Activation> inputs,
                           Map<String, OnnxTensor> weights) throws ShapeException {
            Activation out = design.add(id(n), type, params, inputs);
            if (!weights.isEmpty()) {
                design.weights(out.nodeId(), weights);
            }
            values.put(n.getOutput(0), out);
        }

        /** A rank-1 view: the Activation itself when the design already has it flat, else a Flatten layer. */
        private Activation flat(Activation x) throws ShapeException {
            if (x.shape().rank() == 1) {
                return new Activation(x.nodeId(), x.shape(), x.shape());
            }
            return design.add(design.uniqueId(x.nodeId() + "_flat"), "Flatten", Map.of(), List.of(x));
        }

        /** The Activation with the design's shape equal to ONNX's: a Reshape when global pooling squeezed it. */
        private Activation unsqueezed(Activation x) throws ShapeException {
            if (!x.squeezed()) {
                return x;
            }
            return design.add(design.uniqueId(x.nodeId() + "_reshape"), "Reshape",
                    Map.of("shape", list(x.onnxShape().dims())), List.of(x));
        }

        private void alias(NodeProto n, Activation x) {
            values.put(n.getOutput(0), x);
        }

        private Activation activation(NodeProto n, int input) throws Unsupported {
            Object v = values.get(n.getInput(input));
            if (v instanceof Activation a) {
                return a;
            }
            if (v == null) {
                throw new Unsupported(n.getOpType() + " (reads '" + n.getInput(input) + "', which nothing produces)");
            }
            throw new Unsupported(n.getOpType() + " (on a constant)");
        }

        private OnnxTensor constant(NodeProto n, int input, String unsupported) throws Unsupported {
            if (input < n.getInputCount() && values.get(n.getInput(input)) instanceof OnnxTensor t) {
                return t;
            }
            throw new Unsupported(unsupported);
        }

        private boolean allConstant(NodeProto n) {
            return n.getInputList().stream().allMatch(i -> i.isEmpty() || values.get(i) instanceof OnnxTensor);
        }

        private List<OnnxTensor> constants(NodeProto n) {
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
        private String id(NodeProto n) {
            for (String in : n.getInputList()) {
                if (!(values.get(in) instanceof OnnxTensor)) {
                    continue;
                }
                if (in.endsWith(".weight")) {
                    return design.uniqueId(in.substring(0, in.length() - ".weight".length()));
                }
                java.util.regex.Matcher own = OWN_WEIGHT.matcher(in);
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
            boolean own = segments[segments.length - 1].matches(java.util.regex.Pattern.quote(n.getOpType())
                    + "_\\d+");
            return design.uniqueId(own || path.endsWith(op) ? path : path + "." + op);
        }

        private String label(NodeProto n) {
            return n.getName().isEmpty() ? n.getOpType() + " -> " + String.join(", ", n.getOutputList()) : n.getName();
        }
    }

    // ---- attributes ---------------------------------------------------------------------------------------------

    static AttributeProto attr(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    static long intAttr(NodeProto n, String name, long fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getI();
    }

    static float floatAttr(NodeProto n, String name, float fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getF();
    }

    static String stringAttr(NodeProto n, String name, String fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    static long[] longs(NodeProto n, String name) {
        AttributeProto a = attr(n, name);
        return a == null ? new long[0] : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static int[] ints(NodeProto n, String name, int count, int fallback) {
        long[] v = longs(n, name);
        int[] out = new int[count];
        Arrays.fill(out, fallback);
        for (int i = 0; i < Math.min(count, v.length); i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /** Direction {@code d} of a [directions, ...] tensor. */
    private static OnnxTensor slab(OnnxTensor t, int d) {
        int size = t.size() / (int) t.dims()[0];
        return OnnxTensor.ofFloats(Arrays.copyOfRange(t.asFloats(), d * size, (d + 1) * size),
                Arrays.copyOfRange(t.dims(), 1, t.rank()));
    }

    /** Gate blocks of {@code hidden} rows reordered: block k of the result is block order[k] of the input. */
    private static OnnxTensor gateOrder(OnnxTensor t, int[] order, int hidden) {
        float[] in = t.asFloats();
        int block = in.length / order.length;
        float[] out = new float[in.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(in, order[k] * block, out, k * block, block);
        }
        return OnnxTensor.ofFloats(out, t.dims());
    }

    private static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
