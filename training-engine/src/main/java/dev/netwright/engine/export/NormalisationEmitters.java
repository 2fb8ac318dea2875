package dev.netwright.engine.export;

import ai.djl.nn.Block;
import dev.netwright.engine.export.OnnxGraph.Attr;
import java.util.List;
import java.util.Map;

/** BatchNorm (inference statistics) and LayerNorm over the last axis. */
final class NormalisationEmitters {
    private NormalisationEmitters() {
    }

    static void register(Map<String, NodeEmitter> m) {
        m.put("BatchNorm", NormalisationEmitters::batchNorm);
        m.put("LayerNorm", c -> layerNorm(c.graph(), c.block(), c.input(), (float) c.params().real("epsilon")));
    }

    private static String batchNorm(EmitContext c) {
        OnnxGraph g = c.graph();
        Block norm = Weights.child(c.block(), "norm");
        int sampleAxis = c.params().integer("axis");
        int axis = (sampleAxis < 0 ? c.spec().input().rank() + sampleAxis : sampleAxis) + 1;
        // BatchNormalization normalises axis 1 only: other axes are swapped there and back, as AxisBatchNorm does
        long[] perm = new long[c.inputRank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[1] = axis;
        perm[axis] = 1;
        String x = axis == 1 ? c.input() : g.op("Transpose", c.input(), Attr.ints("perm", perm));
        String y = g.op("BatchNormalization", List.of(x, Weights.required(norm, "gamma").add(g, "gamma"),
                Weights.required(norm, "beta").add(g, "beta"), Weights.required(norm, "runningMean").add(g, "mean"),
                Weights.required(norm, "runningVar").add(g, "var")), Attr.f("epsilon", (float) c.params().real("epsilon")));
        return axis == 1 ? y : g.op("Transpose", y, Attr.ints("perm", perm));
    }

    static String layerNorm(OnnxGraph g, Block norm, String x, float epsilon) {
        return g.op("LayerNormalization", List.of(x, Weights.required(norm, "gamma").add(g, "gamma"),
                Weights.required(norm, "beta").add(g, "beta")), Attr.i("axis", -1), Attr.f("epsilon", epsilon));
    }
}
