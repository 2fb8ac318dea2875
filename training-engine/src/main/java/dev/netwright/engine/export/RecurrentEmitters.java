package dev.netwright.engine.export;

import ai.djl.nn.Block;
import dev.netwright.engine.export.OnnxGraph.Attr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SimpleRNN, LSTM and GRU as ONNX RNN/LSTM/GRU operators, one per stacked layer. ONNX runs time-major
 * ([time, batch, features]; ONNX Runtime's CPU kernels reject layout=1), so the batch-first input is transposed
 * once and back at the end.
 */
final class RecurrentEmitters {
    private RecurrentEmitters() {
    }

    /** One cell family: the ONNX operator, gates per unit, and where each ONNX gate sits in PyTorch's order. */
    private record Cell(String op, int[] gateOrder) {
    }

    // PyTorch (and so DJL) order LSTM gates i, f, g, o and ONNX i, o, f, c; GRU gates r, z, n against ONNX z, r, h
    private static final Cell SIMPLE = new Cell("RNN", new int[] {0});
    private static final Cell LSTM = new Cell("LSTM", new int[] {0, 3, 1, 2});
    private static final Cell GRU = new Cell("GRU", new int[] {1, 0, 2});

    static void register(Map<String, NodeEmitter> m) {
        m.put("SimpleRNN", c -> emit(c, SIMPLE));
        m.put("LSTM", c -> emit(c, LSTM));
        m.put("GRU", c -> emit(c, GRU));
    }

    private static String emit(EmitContext c, Cell cell) {
        OnnxGraph g = c.graph();
        int units = c.params().integer("units");
        int layers = c.params().integer("layers");
        boolean bidirectional = c.params().bool("bidirectional");
        String x = g.op("Transpose", c.input(), Attr.ints("perm", 1L, 0L, 2L));
        String lastState = null;
        for (int l = 0; l < layers; l++) {
            List<Block> directions = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            if (bidirectional) {
                directions.add(Weights.child(c.block(), "forward" + l));
                directions.add(Weights.child(c.block(), "backward" + l));
                prefixes.add("l_0_");
                prefixes.add("l_0_");
            } else {
                directions.add(Weights.child(c.block(), "stack"));
                prefixes.add("l_" + l + "_");
            }
            List<String> inputs = List.of(x, stack(g, cell, units, directions, prefixes, "i2h_WEIGHT"),
                    stack(g, cell, units, directions, prefixes, "h2h_WEIGHT"), biases(g, cell, units, directions, prefixes));
            List<Attr> attrs = new ArrayList<>(List.of(Attr.i("hidden_size", units),
                    Attr.s("direction", bidirectional ? "bidirectional" : "forward")));
            if (cell == GRU) {
                attrs.add(Attr.i("linear_before_reset", 1)); // PyTorch applies the reset gate after the recurrent product
            }
            if (cell == SIMPLE) {
                String f = "relu".equals(c.params().string("activation")) ? "Relu" : "Tanh";
                attrs.add(bidirectional ? Attr.strings("activations", f, f) : Attr.strings("activations", f));
            }
            List<String> out = g.ops(cell.op(), inputs, 2, attrs.toArray(Attr[]::new));
            // Y is [time, directions, batch, units]: join the directions per step
            String y = g.op("Transpose", out.get(0), Attr.ints("perm", 0L, 2L, 1L, 3L));
            x = g.op("Reshape", List.of(y, g.longs("shape", 0, 0, -1)));
            lastState = out.get(1);
        }
        if (c.params().bool("returnSequences")) {
            return g.op("Transpose", x, Attr.ints("perm", 1L, 0L, 2L));
        }
        // Y_h holds the forward direction's last step and the backward direction's first: what the block returns
        String state = g.op("Transpose", lastState, Attr.ints("perm", 1L, 0L, 2L));
        return g.op("Reshape", List.of(state, g.longs("shape", 0, -1)));
    }

    /** [directions, gates*units, columns] with the gate blocks reordered for ONNX. */
    private static String stack(OnnxGraph g, Cell cell, int units, List<Block> dirs, List<String> prefixes,
                                String name) {
        List<float[]> parts = new ArrayList<>();
        long columns = 0;
        for (int d = 0; d < dirs.size(); d++) {
            Tensor t = Weights.required(dirs.get(d), prefixes.get(d) + name);
            columns = t.dims().length > 1 ? t.dims()[1] : 1;
            parts.add(reorder(t.values(), cell.gateOrder(), units * columns));
        }
        return g.floats(name.toLowerCase(), concat(parts), dirs.size(), (long) cell.gateOrder().length * units, columns);
    }

    /** ONNX wants both bias vectors of a direction in one row: [directions, 2 * gates * units]. */
    private static String biases(OnnxGraph g, Cell cell, int units, List<Block> dirs, List<String> prefixes) {
        List<float[]> parts = new ArrayList<>();
        for (int d = 0; d < dirs.size(); d++) {
            for (String name : List.of("i2h_BIAS", "h2h_BIAS")) {
                Tensor t = Weights.parameter(dirs.get(d), prefixes.get(d) + name);
                parts.add(t == null ? new float[cell.gateOrder().length * units]
                        : reorder(t.values(), cell.gateOrder(), units));
            }
        }
        return g.floats("bias", concat(parts), dirs.size(), 2L * cell.gateOrder().length * units);
    }

    private static float[] reorder(float[] values, int[] order, long blockSize) {
        float[] out = new float[values.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(values, (int) (order[k] * blockSize), out, (int) (k * blockSize), (int) blockSize);
        }
        return out;
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
