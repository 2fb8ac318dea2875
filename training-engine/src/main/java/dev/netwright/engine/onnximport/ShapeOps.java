package dev.netwright.engine.onnximport;

import static dev.netwright.engine.onnximport.NodeAttributes.intAttr;
import static dev.netwright.engine.onnximport.NodeAttributes.longs;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.designer.model.Shape;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Operators that rearrange or combine activations: flatten, reshape, squeeze, merges and concatenation.
 */
final class ShapeOps {
    private final ImportGraph graph;
    private final DesignUnderConstruction design;

    ShapeOps(ImportGraph graph) {
        this.graph = graph;
        this.design = graph.design();
    }

    void flatten(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.activation(n, 0);
        long axis = intAttr(n, "axis", 1);
        if (axis != 1) {
            throw new UnsupportedOp("Flatten (axis other than 1)");
        }
        graph.put(n.getOutput(0), graph.flat(x));
    }

    void reshape(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.activation(n, 0);
        long[] target = graph.constant(n, 1, "Reshape (to a computed shape)").asLongs();
        if (target.length < 1) {
            throw new UnsupportedOp("Reshape (to a scalar)");
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
            throw new UnsupportedOp("Reshape (across the batch axis)");
        }
        Shape wanted = Shape.of(sample);
        if (wanted.equals(x.shape())) {
            graph.put(n.getOutput(0), new Activation(x.nodeId(), x.shape(), wanted));
        } else if (wanted.rank() == 1) {
            graph.put(n.getOutput(0), graph.flat(x));
        } else {
            Activation out = design.add(graph.id(n), "Reshape", Map.of("shape", DesignUnderConstruction.list(sample)), List.of(x));
            graph.put(n.getOutput(0), out);
        }
    }

    /** Squeeze/Unsqueeze of size-1 axes: the same values, another ONNX shape. */
    void squeeze(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.activation(n, 0);
        long[] axes = n.getInputCount() > 1 ? graph.constant(n, 1, n.getOpType() + " (computed axes)").asLongs()
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
                    throw new UnsupportedOp("Squeeze (of the batch axis or an axis longer than 1)");
                }
                dims.remove(a);
            }
        } else {
            int newRank = rank + axes.length;
            List<Long> sorted = Arrays.stream(axes).map(a -> a < 0 ? a + newRank : a).sorted().boxed().toList();
            for (long a : sorted) {
                if (a == 0) {
                    throw new UnsupportedOp("Unsqueeze (before the batch axis)");
                }
                dims.add((int) a - 1, 1);
            }
        }
        Shape onnx = dims.isEmpty() ? x.shape() : Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
        if (onnx.elements() != x.shape().elements()) {
            throw new UnsupportedOp(n.getOpType());
        }
        graph.put(n.getOutput(0), new Activation(x.nodeId(), x.shape(), onnx));
    }

    void merge(NodeProto n, String type) throws UnsupportedOp, ShapeException {
        List<Activation> inputs = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            if (!(graph.value(n.getInput(i)) instanceof Activation a)) {
                throw new UnsupportedOp(n.getOpType() + " (with a constant)");
            }
            inputs.add(a);
        }
        Shape first = inputs.get(0).onnxShape();
        for (Activation a : inputs) {
            if (!a.onnxShape().equals(first)) {
                throw new UnsupportedOp(n.getOpType() + " (broadcasting between shapes)");
            }
        }
        if (!inputs.stream().allMatch(a -> a.shape().equals(inputs.get(0).shape()))) {
            List<Activation> same = new ArrayList<>();
            for (Activation a : inputs) {
                same.add(graph.unsqueezed(a));
            }
            inputs.clear();
            inputs.addAll(same);
        }
        Activation out = design.add(graph.id(n), type, Map.of(), inputs);
        graph.put(n.getOutput(0), new Activation(out.nodeId(), out.shape(), inputs.get(0).onnxShape()));
    }

    void concat(NodeProto n) throws UnsupportedOp, ShapeException {
        List<Activation> inputs = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            if (!(graph.value(n.getInput(i)) instanceof Activation a)) {
                throw new UnsupportedOp("Concat (with a constant)");
            }
            inputs.add(graph.unsqueezed(a));
        }
        long axis = intAttr(n, "axis", 1);
        int rank = inputs.get(0).shape().rank() + 1;
        long a = axis < 0 ? axis + rank : axis;
        if (a == 0) {
            throw new UnsupportedOp("Concat (along the batch axis)");
        }
        graph.layer(n, "Concatenate", Map.of("axis", (int) a - 1), inputs, Map.of());
    }
}
