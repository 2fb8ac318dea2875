package dev.netwright.engine.onnximport;

import static dev.netwright.engine.onnximport.NodeAttributes.floatAttr;
import static dev.netwright.engine.onnximport.NodeAttributes.intAttr;
import static dev.netwright.engine.onnximport.NodeAttributes.ints;
import static dev.netwright.engine.onnximport.NodeAttributes.longs;
import static dev.netwright.engine.onnximport.NodeAttributes.stringAttr;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.netwright.designer.catalog.ConvolutionArithmetic;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.designer.model.Shape;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Convolutions (with the zero padding before them), pooling and batch normalisation: the layers of CNNs.
 */
final class ConvolutionOps {
    /** A Pad whose zeros the next convolution takes over as its own padding. */
    record PendingPad(Activation input, int[] pads) {
    }

    private final ImportGraph graph;
    private final DesignUnderConstruction design;

    ConvolutionOps(ImportGraph graph) {
        this.graph = graph;
        this.design = graph.design();
    }

    /** Zero padding of the spatial axes, kept for the convolution that reads it (torch's ZeroPad2d). */
    void pad(NodeProto n) throws UnsupportedOp {
        Activation x = graph.activation(n, 0);
        if (!stringAttr(n, "mode", "constant").equals("constant")
                || n.getInputCount() > 2 && !n.getInput(2).isEmpty()
                && graph.constant(n, 2, "Pad (computed value)").scalar() != 0 || n.getInputCount() > 3) {
            throw new UnsupportedOp("Pad (other than zeros on every axis)");
        }
        long[] pads = n.getInputCount() > 1 ? graph.constant(n, 1, "Pad (computed pads)").asLongs() : longs(n, "pads");
        int rank = x.onnxShape().rank() + 1;
        List<NodeProto> next = graph.consumers(n.getOutput(0));
        if (pads.length != 2 * rank || pads[0] != 0 || pads[1] != 0 || pads[rank] != 0 || pads[rank + 1] != 0
                || next.size() != 1 || !next.get(0).getOpType().equals("Conv")) {
            throw new UnsupportedOp("Pad (other than spatial zero padding before a convolution)");
        }
        int axes = rank - 2;
        int[] spatial = new int[2 * axes];
        for (int a = 0; a < axes; a++) {
            spatial[a] = (int) pads[2 + a];
            spatial[a + axes] = (int) pads[rank + 2 + a];
        }
        graph.put(n.getOutput(0), new PendingPad(x, spatial));
    }

    void conv(NodeProto n) throws UnsupportedOp, ShapeException {
        int[] extra = graph.value(n.getInput(0)) instanceof PendingPad pending ? pending.pads() : null;
        Activation x = graph.unsqueezed(extra != null ? ((PendingPad) graph.value(n.getInput(0))).input()
                : graph.activation(n, 0));
        OnnxTensor w = graph.constant(n, 1, "Conv (weights computed in the graph)");
        int axes = w.rank() - 2;
        if (axes < 1 || axes > 2 || x.shape().rank() != axes + 1) {
            throw new UnsupportedOp("Conv (" + axes + "-D)");
        }
        String autoPad = stringAttr(n, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw new UnsupportedOp("Conv (auto_pad " + autoPad + ")");
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
        p.put("kernelSize", DesignUnderConstruction.list(kernel));
        p.put("stride", DesignUnderConstruction.list(strides));
        p.put("dilation", DesignUnderConstruction.list(dilations));
        padding(p, pads, kernel, dilations);
        if (groups != 1) {
            p.put("groups", groups);
        }
        Map<String, OnnxTensor> weights = new LinkedHashMap<>();
        weights.put("weight", w);
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            weights.put("bias", graph.constant(n, 2, "Conv (bias computed in the graph)"));
        } else {
            p.put("useBias", false);
        }
        graph.layer(n, "Conv" + axes + "D", p, List.of(x), weights);
    }

    /** valid, same (symmetric (k - 1) d / 2) or explicit pads in ONNX order. */
    void padding(Map<String, Object> p, int[] pads, int[] kernel, int[] dilations) {
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
            p.put("pads", DesignUnderConstruction.list(pads));
        }
    }

    void pool(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.unsqueezed(graph.activation(n, 0));
        int axes = x.shape().rank() - 1;
        if (axes < 1 || axes > 2) {
            throw new UnsupportedOp(n.getOpType() + " (" + axes + "-D)");
        }
        if (intAttr(n, "ceil_mode", 0) != 0) {
            throw new UnsupportedOp(n.getOpType() + " (ceil_mode)");
        }
        int[] kernel = ints(n, "kernel_shape", axes, 1);
        int[] strides = ints(n, "strides", axes, 1);
        int[] pads = ints(n, "pads", 2 * axes, 0);
        if (Arrays.stream(ints(n, "dilations", axes, 1)).anyMatch(d -> d != 1)) {
            throw new UnsupportedOp(n.getOpType() + " (dilations)");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("poolSize", DesignUnderConstruction.list(kernel));
        p.put("stride", DesignUnderConstruction.list(strides));
        if (Arrays.stream(pads).allMatch(v -> v == 0)) {
            p.put("padding", ConvolutionArithmetic.VALID);
        } else {
            for (int a = 0; a < axes; a++) {
                int sym = ConvolutionArithmetic.padding(ConvolutionArithmetic.SAME, kernel[a], 1);
                if (pads[a] != sym || pads[a + axes] != sym) {
                    throw new UnsupportedOp(n.getOpType() + " (padding other than none or (size - 1) / 2)");
                }
            }
            if (n.getOpType().equals("AveragePool") && intAttr(n, "count_include_pad", 0) == 0) {
                throw new UnsupportedOp("AveragePool (padding left out of the average)");
            }
            p.put("padding", ConvolutionArithmetic.SAME);
        }
        String type = (n.getOpType().equals("MaxPool") ? "MaxPool" : "AvgPool") + axes + "D";
        graph.layer(n, type, p, List.of(x), Map.of());
    }

    /** GlobalAvgPool2D gives [C]; ONNX keeps [C, 1, 1], which later nodes see through the Activation. */
    void globalPool(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.unsqueezed(graph.activation(n, 0));
        if (x.shape().rank() != 3) {
            throw new UnsupportedOp(n.getOpType() + " (not over an image [C, H, W])");
        }
        String type = n.getOpType().equals("GlobalAveragePool") ? "GlobalAvgPool2D" : "GlobalMaxPool2D";
        Activation out = design.add(graph.id(n), type, Map.of(), List.of(x));
        graph.put(n.getOutput(0), new Activation(out.nodeId(), out.shape(),
                Shape.of(out.shape().dim(0), 1, 1)));
    }

    void batchNorm(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.unsqueezed(graph.activation(n, 0));
        if (intAttr(n, "training_mode", 0) != 0) {
            throw new UnsupportedOp("BatchNormalization (training mode)");
        }
        Map<String, OnnxTensor> weights = new LinkedHashMap<>();
        weights.put("weight", graph.constant(n, 1, "BatchNormalization (computed scale)"));
        weights.put("bias", graph.constant(n, 2, "BatchNormalization (computed shift)"));
        weights.put("running_mean", graph.constant(n, 3, "BatchNormalization (computed mean)"));
        weights.put("running_var", graph.constant(n, 4, "BatchNormalization (computed variance)"));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("axis", 0);
        // ONNX momentum weighs the old statistics, PyTorch's (ours) the new batch
        p.put("momentum", Math.round((1 - floatAttr(n, "momentum", 0.9f)) * 1e6) / 1e6);
        p.put("epsilon", (double) floatAttr(n, "epsilon", 1e-5f));
        graph.layer(n, "BatchNorm", p, List.of(x), weights);
    }
}
