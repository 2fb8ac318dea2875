package dev.netwright.engine.onnximport;

import static dev.netwright.engine.onnximport.NodeAttributes.floatAttr;
import static dev.netwright.engine.onnximport.NodeAttributes.intAttr;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.google.protobuf.CodedInputStream;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates an ONNX graph into a design and its weights. Supported: what PyTorch exports (opset 13 to 18) for MLPs,
 * CNNs (grouped and depthwise convolutions, explicit padding, ReLU6 as Clip, global and 1x1 adaptive average
 * pooling), residual networks, recurrent layers, Gemm or MatMul+Add heads, and transformer encoder text classifiers.
 * Constants are folded (shape arithmetic included), Identity and Dropout disappear, an activation right after a Dense
 * or convolution becomes that layer's activation, and BatchNormalization stays a BatchNorm layer (not folded into the
 * convolution) so it can be fine-tuned. Anything else is collected, and one {@link OnnxImportException} lists every
 * unsupported operator with its node names.
 *
 * <p>This class reads the file and walks the graph; {@link ImportGraph} holds the values, {@link ConstantFolding}
 * evaluates constant subgraphs, one class per operator family maps nodes to layers, and {@link ImportedWeights}
 * puts the weights into the compiled network.
 */
final class OnnxImporter {
    /** Operators translated into layers (in some or all of their forms); constants fold others. */
    private static final Set<String> TRANSLATED = Set.of("Identity", "Dropout", "Shape", "Pad", "Conv", "Gemm", "MatMul",
            "BatchNormalization", "Relu", "Sigmoid", "Tanh", "Softplus", "Selu", "LeakyRelu", "Elu", "Softmax", "Clip",
            "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Flatten", "Reshape", "Squeeze", "Unsqueeze",
            "Add", "Mul", "Concat", "RNN", "LSTM", "GRU", "Transpose", "Gather", "ReduceMean", "ReduceMax",
            "LayerNormalization");
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 18;

    /** A design with its weights by node id, in PyTorch's state-dict names ({@code weight}, {@code running_mean}). */
    record Imported(Design design, Map<String, Map<String, OnnxTensor>> weights) {
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
        return read(CodedInputStream.newInstance(onnx), name);
    }

    /** Reads the graph of a file's bytes (a mapped file: its weights are never copied onto the heap). */
    Imported read(ByteBuffer onnx, String name) {
        return read(CodedInputStream.newInstance(onnx), name);
    }

    private Imported read(CodedInputStream in, String name) {
        ModelProto model;
        try {
            // initializers become views on the file's bytes instead of copies: a VGG's half a gigabyte once, not twice
            in.enableAliasing(true);
            model = ModelProto.parseFrom(in);
        } catch (IOException e) { // InvalidProtocolBufferException: nothing else can fail reading memory
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

    /** One translation: the graph's values, the design being built and what does not translate. */
    private final class Run {
        private final ModelProto model;
        private final GraphProto graph;
        private final String name;
        private final DesignUnderConstruction design = new DesignUnderConstruction(catalog);
        private final ImportGraph flow; // the values flowing through the graph
        private final ConvolutionOps convolution;
        private final DenseOps dense;
        private final ActivationOps activations;
        private final ShapeOps shapes;
        private final RecurrentOps recurrent;
        private final TransformerOps transformer;
        private final Set<String> broken = new HashSet<>();
        private final Map<String, List<String>> unsupported = new TreeMap<>();

        Run(ModelProto model, String name) {
            this.model = model;
            this.graph = model.getGraph();
            this.name = name;
            this.flow = new ImportGraph(graph, design);
            this.convolution = new ConvolutionOps(flow);
            this.dense = new DenseOps(flow);
            this.activations = new ActivationOps(flow);
            this.shapes = new ShapeOps(flow);
            this.recurrent = new RecurrentOps(flow);
            this.transformer = new TransformerOps(flow, graph.getNodeList());
        }

        Imported translate() {
            if (graph.getOutputCount() != 1) {
                throw new OnnxImportException("the graph has " + graph.getOutputCount() + " outputs; import reads"
                        + " networks with one output");
            }
            flow.input();
            for (NodeProto n : graph.getNodeList()) {
                if (flow.isConsumed(n)) {
                    continue;
                }
                if (n.getInputList().stream().anyMatch(broken::contains)) {
                    // after an unsupported node only the operator types can be checked, which is enough to list them
                    if (!TRANSLATED.contains(n.getOpType())) {
                        unsupported.computeIfAbsent(n.getOpType(), k -> new ArrayList<>()).add(flow.label(n));
                    }
                    broken.addAll(n.getOutputList());
                    continue;
                }
                try {
                    convert(n);
                } catch (UnsupportedOp u) {
                    unsupported.computeIfAbsent(u.getMessage(), k -> new ArrayList<>()).add(flow.label(n));
                    broken.addAll(n.getOutputList());
                    if (transformer.inEncoderLayer(n)) {
                        broken.addAll(transformer.layerOutputs(n));
                    }
                } catch (ShapeException e) {
                    unsupported.computeIfAbsent(n.getOpType() + " (" + e.getMessage() + ")",
                            k -> new ArrayList<>()).add(flow.label(n));
                    broken.addAll(n.getOutputList());
                }
            }
            if (!unsupported.isEmpty()) {
                throw new OnnxImportException(unsupported);
            }
            Object out = flow.value(graph.getOutput(0).getName());
            if (!(out instanceof Activation)) {
                throw new OnnxImportException("the graph's output '" + graph.getOutput(0).getName()
                        + "' does not depend on its input");
            }
            String description = "Imported from ONNX" + (model.getProducerName().isEmpty() ? ""
                    : " (" + model.getProducerName() + " " + model.getProducerVersion() + ", opset "
                    + model.getOpsetImportList().stream().mapToLong(OperatorSetIdProto::getVersion).max().orElse(0)
                    + ")");
            // the designer's auto-layout: a ResNet-50 in side-by-side bands rather than one column 19,000 px tall
            Design d = new AutoLayout().apply(new Design(name, description, design.nodes(), design.edges(), null));
            Analysis analysis = new DesignAnalyzer(catalog).analyze(d);
            if (!analysis.valid()) {
                throw new OnnxImportException("the imported design is not valid: " + analysis.errors());
            }
            return new Imported(d, design.weights());
        }

        private void convert(NodeProto n) throws UnsupportedOp, ShapeException {
            String op = n.getOpType();
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                throw new UnsupportedOp(n.getDomain() + "." + op);
            }
            if (transformer.inEncoderLayer(n)) {
                transformer.encoderLayer(n); // the layer's other nodes are consumed with its first
                return;
            }
            if (ConstantFolding.folds(op) && flow.allConstant(n)) {
                OnnxTensor folded = ConstantFolding.fold(n, flow.constants(n));
                if (folded == null) {
                    throw new UnsupportedOp(op + " (on these constants)");
                }
                flow.put(n.getOutput(0), folded);
                return;
            }
            switch (op) {
                case "Identity", "Dropout" -> flow.alias(n, flow.activation(n, 0));
                case "Shape" -> {
                    Activation a = flow.activation(n, 0);
                    long[] dims = new long[a.onnxShape().rank() + 1];
                    dims[0] = 1; // the batch: import treats the first axis of every shape as the batch
                    for (int i = 0; i < a.onnxShape().rank(); i++) {
                        dims[i + 1] = a.onnxShape().dim(i);
                    }
                    flow.put(n.getOutput(0), OnnxTensor.ofLongs(dims, dims.length));
                }
                case "Pad" -> convolution.pad(n);
                case "Conv" -> convolution.conv(n);
                case "RNN", "LSTM", "GRU" -> recurrent.recurrent(n);
                case "Transpose" -> recurrent.transpose(n);
                case "Gather" -> {
                    if (transformer.isEmbedding(n)) {
                        transformer.embedding(n);
                    } else {
                        recurrent.gatherStep(n);
                    }
                }
                case "ReduceMean", "ReduceMax" -> transformer.reduceOverTime(n);
                case "LayerNormalization" -> transformer.layerNorm(n);
                case "Gemm" -> dense.gemm(n);
                case "MatMul" -> dense.matMul(n);
                case "BatchNormalization" -> convolution.batchNorm(n);
                case "Relu" -> activations.activationOp(n, ActivationFunction.RELU, 0);
                case "Sigmoid" -> activations.activationOp(n, ActivationFunction.SIGMOID, 0);
                case "Tanh" -> activations.activationOp(n, ActivationFunction.TANH, 0);
                case "Softplus" -> activations.activationOp(n, ActivationFunction.SOFTPLUS, 0);
                case "Selu" -> activations.activationOp(n, ActivationFunction.SELU, 0);
                case "LeakyRelu" -> activations.activationOp(n, ActivationFunction.LEAKY_RELU, floatAttr(n, "alpha", 0.01f));
                case "Elu" -> {
                    if (floatAttr(n, "alpha", 1f) != 1f) {
                        throw new UnsupportedOp("Elu (alpha other than 1)");
                    }
                    activations.activationOp(n, ActivationFunction.ELU, 0);
                }
                case "Softmax" -> {
                    Activation a = flow.activation(n, 0);
                    long axis = intAttr(n, "axis", -1);
                    if (axis != -1 && axis != a.onnxShape().rank()) {
                        throw new UnsupportedOp("Softmax (over an axis other than the last)");
                    }
                    activations.activationOp(n, ActivationFunction.SOFTMAX, 0);
                }
                case "Clip" -> activations.clip(n);
                case "MaxPool", "AveragePool" -> convolution.pool(n);
                case "GlobalAveragePool", "GlobalMaxPool" -> convolution.globalPool(n);
                case "Flatten" -> shapes.flatten(n);
                case "Reshape" -> {
                    if (!recurrent.reshapedOutput(n)) {
                        shapes.reshape(n);
                    }
                }
                case "Squeeze", "Unsqueeze" -> {
                    if (!recurrent.squeezedOutput(n)) {
                        shapes.squeeze(n);
                    }
                }
                case "Add", "Mul" -> shapes.merge(n, op.equals("Add") ? "Add" : "Multiply");
                case "Concat" -> shapes.concat(n);
                default -> throw new UnsupportedOp(op);
            }
        }

    }
}
