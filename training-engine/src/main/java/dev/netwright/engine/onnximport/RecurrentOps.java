package dev.netwright.engine.onnximport;

import static dev.netwright.engine.onnximport.NodeAttributes.attr;
import static dev.netwright.engine.onnximport.NodeAttributes.intAttr;
import static dev.netwright.engine.onnximport.NodeAttributes.longs;
import static dev.netwright.engine.onnximport.NodeAttributes.stringAttr;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.designer.model.Shape;
import dev.netwright.engine.onnximport.DesignUnderConstruction.Activation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RNN, LSTM and GRU ops and the transposes, reshapes and step selections PyTorch puts around them.
 */
final class RecurrentOps {

    /** A batch-first Activation [N, T, F] seen by ONNX time-major, [T, N, F] (how PyTorch feeds its RNN ops). */
    record TimeMajor(Activation input) {
    }

    /**
     * The Y output of an RNN, LSTM or GRU op: ONNX [T, directions, N, H], or with {@code split} [T, N, directions, H]
     * after PyTorch's transpose; the design's node gives [T, directions x H] batch-first.
     */
    record RecurrentOutput(Activation sequence, boolean split) {
    }

    private final ImportGraph graph;
    private final DesignUnderConstruction design;

    RecurrentOps(ImportGraph graph) {
        this.graph = graph;
        this.design = graph.design();
    }

    /** RNN, LSTM and GRU ops over the whole sequence, one layer each, weights in PyTorch's gate order. */
    void recurrent(NodeProto n) throws UnsupportedOp, ShapeException {
        String op = n.getOpType();
        Activation x;
        if (intAttr(n, "layout", 0) == 1) {
            x = graph.activation(n, 0);
        } else if (graph.value(n.getInput(0)) instanceof TimeMajor t) {
            x = t.input();
        } else {
            throw new UnsupportedOp(op + " (on a tensor that is not a transposed batch-first sequence)");
        }
        if (x.squeezed() || x.shape().rank() != 2) {
            throw new UnsupportedOp(op + " (on something other than a sequence [time, features])");
        }
        String direction = stringAttr(n, "direction", "forward");
        if (direction.equals("reverse")) {
            throw new UnsupportedOp(op + " (direction reverse)");
        }
        if (attr(n, "clip") != null || intAttr(n, "input_forget", 0) != 0) {
            throw new UnsupportedOp(op + " (clip or input_forget)");
        }
        if (n.getInputCount() > 4 && !n.getInput(4).isEmpty()) {
            throw new UnsupportedOp(op + " (sequence lengths)");
        }
        for (int i = 5; i < n.getInputCount(); i++) {
            if (!n.getInput(i).isEmpty()) {
                OnnxTensor initial = graph.constant(n, i, op + " (a computed initial state)");
                for (float v : initial.asFloats()) {
                    if (v != 0) {
                        throw new UnsupportedOp(op + " (an initial state other than zeros)");
                    }
                }
            }
        }
        for (int o = 1; o < n.getOutputCount(); o++) {
            if (!graph.consumers(n.getOutput(o)).isEmpty()
                    || graph.isGraphOutput(n.getOutput(o))) {
                throw new UnsupportedOp(op + " (its final state read as an output; use the sequence)");
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
            throw new UnsupportedOp("GRU (linear_before_reset 0; PyTorch's GRU has 1)");
        }
        if (op.equals("RNN")) {
            AttributeProto activations = attr(n, "activations");
            String f = activations == null || activations.getStringsCount() == 0 ? "Tanh"
                    : activations.getStrings(0).toStringUtf8();
            if (!f.equals("Tanh") && !f.equals("Relu")) {
                throw new UnsupportedOp("RNN (activation " + f + ")");
            }
            p.put("activation", f.equals("Relu") ? "relu" : "tanh");
        }
        OnnxTensor w = graph.constant(n, 1, op + " (computed weights)");
        OnnxTensor r = graph.constant(n, 2, op + " (computed weights)");
        OnnxTensor b = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? graph.constant(n, 3, op + " (computed bias)")
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
        Activation out = design.add(graph.id(n), type, p, List.of(x));
        design.weights(out.nodeId(), weights);
        if (intAttr(n, "layout", 0) == 1) {
            graph.put(n.getOutput(0), new Activation(out.nodeId(), out.shape(), Shape.of(x.shape().dim(0), dirs,
                    hidden)));
        } else {
            graph.put(n.getOutput(0), new RecurrentOutput(out, false));
        }
    }

    private int hiddenOf(RecurrentOutput y) {
        return hiddenUnits(y.sequence());
    }

    /** Transposes PyTorch puts around its recurrent ops: into and out of time-major order. */
    void transpose(NodeProto n) throws UnsupportedOp, ShapeException {
        long[] perm = longs(n, "perm");
        Object v = graph.value(n.getInput(0));
        if (v instanceof RecurrentOutput y && !y.split()) {
            if (Arrays.equals(perm, new long[] {0, 2, 1, 3})) {
                graph.put(n.getOutput(0), new RecurrentOutput(y.sequence(), true));
                return;
            }
            if (Arrays.equals(perm, new long[] {2, 0, 1, 3})) {
                Activation s = y.sequence();
                int dirs = s.shape().last() / hiddenUnits(s);
                graph.put(n.getOutput(0), new Activation(s.nodeId(), s.shape(), Shape.of(s.shape().dim(0), dirs,
                        s.shape().last() / dirs)));
                return;
            }
        } else if (v instanceof TimeMajor t && Arrays.equals(perm, new long[] {1, 0, 2})) {
            graph.put(n.getOutput(0), new Activation(t.input().nodeId(), t.input().shape(), t.input().shape()));
            return;
        } else if (v instanceof Activation a && !a.squeezed() && a.shape().rank() == 2
                && Arrays.equals(perm, new long[] {1, 0, 2})) {
            graph.put(n.getOutput(0), new TimeMajor(a));
            return;
        }
        throw new UnsupportedOp("Transpose (other than into or out of a recurrent layer's time-major order)");
    }

    private int hiddenUnits(Activation sequence) {
        return Integer.parseInt(String.valueOf(design.param(sequence.nodeId(), "units")));
    }

    /** One time step of a sequence [time, features] (out[:, -1] in PyTorch): a SequencePool. */
    void gatherStep(NodeProto n) throws UnsupportedOp, ShapeException {
        Activation x = graph.activation(n, 0);
        OnnxTensor index = graph.constant(n, 1, "Gather (with computed indexes)");
        if (x.squeezed() || x.shape().rank() != 2 || intAttr(n, "axis", 0) != 1 || index.size() != 1
                || index.rank() != 0) {
            throw new UnsupportedOp("Gather (other than one time step of a sequence)");
        }
        long i = index.asLongs()[0];
        int steps = x.shape().dim(0);
        String mode = i == 0 || i == -steps ? "first" : i == -1 || i == steps - 1 ? "last" : null;
        if (mode == null) {
            throw new UnsupportedOp("Gather (a time step other than the first or the last)");
        }
        graph.layer(n, "SequencePool", Map.of("mode", mode), List.of(x), Map.of());
    }

    /** A Reshape joining the directions of a recurrent output; false when the Reshape reads something else. */
    boolean reshapedOutput(NodeProto n) throws UnsupportedOp {
        if (graph.value(n.getInput(0)) instanceof RecurrentOutput y && y.split()) {
            long[] target = graph.constant(n, 1, "Reshape (to a computed shape)").asLongs();
            long width = y.sequence().shape().last();
            if (target.length == 3 && (target[2] == -1 || target[2] == width)) {
                graph.put(n.getOutput(0), new TimeMajor(y.sequence())); // directions joined per step
                return true;
            }
            throw new UnsupportedOp("Reshape (of a recurrent output other than joining its directions)");
        }
        return false;
    }

    /** A Squeeze of a one-direction recurrent output's direction axis; false when it reads something else. */
    boolean squeezedOutput(NodeProto n) throws UnsupportedOp {
        if (graph.value(n.getInput(0)) instanceof RecurrentOutput y && !y.split()
                && n.getOpType().equals("Squeeze")) {
            long[] axes = n.getInputCount() > 1 ? graph.constant(n, 1, "Squeeze (computed axes)").asLongs()
                    : longs(n, "axes");
            if (axes.length == 1 && (axes[0] == 1 || axes[0] == -3)
                    && y.sequence().shape().last() == hiddenOf(y)) {
                graph.put(n.getOutput(0), new TimeMajor(y.sequence()));
                return true;
            }
            throw new UnsupportedOp("Squeeze (of a recurrent output other than its one direction)");
        }
        return false;
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
}
