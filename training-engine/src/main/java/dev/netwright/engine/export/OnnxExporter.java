package dev.netwright.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NetworkReport;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Shape;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.GraphBlock;
import dev.netwright.engine.compile.LayerSpec;
import dev.netwright.engine.compile.OutputActivation;
import dev.netwright.engine.run.TrainedModel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a compiled network with its current weights as an ONNX model (opset 17): one float input {@code input}
 * [batch, ...the design's Input shape] and one output {@code output}. An output activation folded into the loss
 * during training is appended, so a classifier's ONNX output is probabilities, as {@link TrainedModel#predict} gives.
 * Normalisation of raw inputs is not part of the graph (it stays in the model directory's manifest).
 */
public final class OnnxExporter {
    /** The file name used inside a model directory. */
    public static final String FILE = "model.onnx";
    static final int OPSET = 17;
    static final int IR_VERSION = 8;

    private final LayerCatalog catalog;

    public OnnxExporter() {
        this(LayerCatalog.standard());
    }

    OnnxExporter(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** Exports one network of {@code design} compiled by DesignCompiler, its block initialised or trained. */
    public byte[] export(Design design, CompiledNetwork network) {
        return export(design, network.block(), network.outputActivation());
    }

    /**
     * @param block  the initialised network (for a GAN either of its two)
     * @param folded the output activation the block leaves out; appended to the ONNX graph
     */
    byte[] export(Design design, GraphBlock block, OutputActivation folded) {
        return model(design, block, folded).toByteArray();
    }

    private ModelProto model(Design design, GraphBlock block, OutputActivation folded) {
        Analysis analysis = new DesignAnalyzer(catalog).analyze(design);
        if (!analysis.valid()) {
            throw new IllegalArgumentException("design '" + design.name() + "' is not valid: " + analysis.errors());
        }
        NetworkReport report = analysis.networks().stream()
                .filter(n -> n.outputNodeId().equals(block.outputNodeId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the block's output node " + block.outputNodeId()
                        + " is no network output of design '" + design.name() + "'"));
        OnnxGraph graph = new OnnxGraph();
        graph.proto().setName(design.name() + (analysis.design().isGan() ? " / " + report.name() : ""));
        Map<String, String> values = new HashMap<>();
        values.put(report.inputNodeId(), "input");
        var blocks = block.nodeBlocks();
        for (NodeReport n : analysis.nodes()) {
            if (!blocks.containsKey(n.nodeId())) {
                continue; // the Input node, or a node of the other GAN network
            }
            boolean skip = folded != OutputActivation.NONE && n.nodeId().equals(report.outputNodeId());
            values.put(n.nodeId(), emit(graph, analysis, n, skip, blocks.get(n.nodeId()), values));
        }
        graph.enter("output");
        String result = values.get(report.outputNodeId());
        result = switch (folded) {
            case SOFTMAX -> graph.op("Softmax", result, OnnxGraph.Attr.i("axis", -1));
            case SIGMOID -> graph.op("Sigmoid", result);
            case NONE -> result;
        };
        graph.proto().addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName("output")
                .addInput(result).addOutput("output"));
        graph.proto().addInput(valueInfo("input", report.inputShape()));
        graph.proto().addOutput(valueInfo("output", report.outputShape()));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("netwright")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.proto()).build();
    }

    private String emit(OnnxGraph graph, Analysis analysis, NodeReport n, boolean skip, ai.djl.nn.Block block,
                        Map<String, String> values) {
        NodeEmitter emitter = NodeEmitters.find(n.type()).orElseThrow(() -> new OnnxExportException(n.nodeId(),
                n.type(), "this layer kind has no ONNX form yet", null));
        Node node = analysis.design().node(n.nodeId()).orElseThrow();
        LayerKind kind = catalog.find(node.type()).orElseThrow();
        List<Shape> inputShapes = n.inputs().stream().map(id -> analysis.node(id).orElseThrow().outputShape()).toList();
        LayerSpec spec = new LayerSpec(n.nodeId(), n.type(), catalog.check(kind, node.params()).params(), inputShapes,
                n.outputShape(), skip);
        graph.enter(n.nodeId());
        try {
            return emitter.emit(new EmitContext(graph, spec, block, n.inputs().stream().map(values::get).toList()));
        } catch (RuntimeException e) {
            throw e instanceof OnnxExportException ex ? ex
                    : new OnnxExportException(n.nodeId(), n.type(), String.valueOf(e.getMessage()), e);
        }
    }

    private static ValueInfoProto valueInfo(String name, Shape sample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : sample.dims()) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    /**
     * Exports a saved model directory (the generator for a GAN) to {@code out}.
     *
     * @return {@code out}
     */
    public static Path exportModelDirectory(Path modelDir, Path out) {
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            ModelProto proto = new OnnxExporter().model(model.design(), model.block(),
                    model.manifest().outputActivation());
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                proto.writeTo(file); // streamed: no second copy of the weights as one byte array
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@value #FILE} into a model directory just saved by a training run. */
    public static Path writeInto(Path modelDir) {
        return exportModelDirectory(modelDir, modelDir.resolve(FILE));
    }
}
