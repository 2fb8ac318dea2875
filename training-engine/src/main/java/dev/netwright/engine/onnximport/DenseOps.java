package dev.netwright.engine.onnximport;

import static dev.netwright.engine.onnximport.NodeAttributes.floatAttr;
import static dev.netwright.engine.onnximport.NodeAttributes.intAttr;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fully connected layers: Gemm, and MatMul with a constant matrix (its bias the Add after it).
 */
final class DenseOps {
    private final ImportGraph graph;
    private final DesignUnderConstruction design;

    DenseOps(ImportGraph graph) {
        this.graph = graph;
        this.design = graph.design();
    }

    void gemm(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.flat(graph.activation(n, 0));
        if (intAttr(n, "transA", 0) != 0) {
            throw new UnsupportedOp("Gemm (transA)");
        }
        OnnxTensor b = graph.constant(n, 1, "Gemm (weights computed in the graph)");
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
            OnnxTensor c = graph.constant(n, 2, "Gemm (bias computed in the graph)");
            if (c.size() != units) {
                throw new UnsupportedOp("Gemm (a bias that is not one value per output)");
            }
            weights.put("bias", c.scaled(floatAttr(n, "beta", 1f)).reshaped(units));
        } else {
            p.put("useBias", false);
        }
        graph.layer(n, "Dense", p, List.of(x), weights);
    }

    /** x @ W with a constant W is a Dense layer; an Add of a constant vector right after it is its bias. */
    void matMul(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.activation(n, 0);
        OnnxTensor w = graph.constant(n, 1, "MatMul (of two computed tensors)");
        if (w.rank() != 2 || w.dims()[0] != x.shape().last()) {
            throw new UnsupportedOp("MatMul (weights that are not an [in, out] matrix)");
        }
        Map<String, OnnxTensor> weights = new LinkedHashMap<>();
        weights.put("weight", w.transposed());
        Map<String, Object> p = new LinkedHashMap<>();
        int units = (int) w.dims()[1];
        p.put("units", units);
        List<NodeProto> next = graph.consumers(n.getOutput(0));
        NodeProto add = next.size() == 1 && next.get(0).getOpType().equals("Add")
                && !graph.isGraphOutput(n.getOutput(0)) ? next.get(0) : null;
        OnnxTensor bias = null;
        if (add != null) {
            String other = add.getInput(0).equals(n.getOutput(0)) ? add.getInput(1) : add.getInput(0);
            if (graph.value(other) instanceof OnnxTensor t && t.size() == units) {
                bias = t.reshaped(units);
            }
        }
        if (bias != null) {
            weights.put("bias", bias);
            graph.consume(add);
        } else {
            p.put("useBias", false);
        }
        Activation out = design.add(graph.id(n), "Dense", p, List.of(x));
        design.weights(out.nodeId(), weights);
        graph.put(n.getOutput(0), out);
        if (add != null && bias != null) {
            graph.put(add.getOutput(0), out);
        }
    }
}
