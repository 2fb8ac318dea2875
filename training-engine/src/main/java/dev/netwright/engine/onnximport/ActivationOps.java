package dev.netwright.engine.onnximport;

import static dev.netwright.engine.onnximport.NodeAttributes.floatAttr;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Activation functions: folded into the layer before them when they are its only use, else Activation layers.
 */
final class ActivationOps {
    private final ImportGraph graph;
    private final DesignUnderConstruction design;

    ActivationOps(ImportGraph graph) {
        this.graph = graph;
        this.design = graph.design();
    }

    void clip(NodeProto n) throws UnsupportedOp, ShapeException {
        double min = n.getInputCount() > 1 && !n.getInput(1).isEmpty()
                ? graph.constant(n, 1, "Clip (computed bounds)").scalar() : floatAttr(n, "min", Float.NEGATIVE_INFINITY);
        double max = n.getInputCount() > 2 && !n.getInput(2).isEmpty()
                ? graph.constant(n, 2, "Clip (computed bounds)").scalar() : floatAttr(n, "max", Float.POSITIVE_INFINITY);
        if (min == 0 && max == 6) {
            activationOp(n, ActivationFunction.RELU6, 0);
        } else if (min == 0 && Double.isInfinite(max)) {
            activationOp(n, ActivationFunction.RELU, 0);
        } else {
            throw new UnsupportedOp("Clip (bounds other than 0 to 6 or 0 to infinity)");
        }
    }

    /** Folded into the layer before it when that is its only use, else an Activation layer. */
    void activationOp(NodeProto n, ActivationFunction f, float alpha) throws UnsupportedOp, ShapeException {
        Activation x = graph.activation(n, 0);
        String input = n.getInput(0);
        boolean onlyUse = graph.consumers(input).size() == 1 && !graph.isGraphOutput(input);
        if (onlyUse && !x.squeezed() && design.foldActivation(x.nodeId(), f, alpha)) {
            graph.put(n.getOutput(0), x);
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("function", f.jsonName());
        if (f.usesAlpha()) {
            p.put("alpha", (double) alpha);
        }
        Activation out = design.add(graph.id(n), "Activation", p, List.of(x));
        graph.put(n.getOutput(0), new Activation(out.nodeId(), out.shape(), x.onnxShape()));
    }
}
