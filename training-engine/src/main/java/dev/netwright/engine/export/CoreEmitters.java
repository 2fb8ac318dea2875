package dev.netwright.engine.export;

import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.engine.export.OnnxGraph.Attr;
import java.util.List;
import java.util.Map;

/** Dense, Activation, Dropout, Flatten and Reshape. */
final class CoreEmitters {
    private CoreEmitters() {
    }

    static void register(Map<String, NodeEmitter> m) {
        m.put("Dense", c -> withActivation(c, Linear.apply(c.graph(), Weights.find(c.block(), ai.djl.nn.core.Linear.class),
                c.input(), c.inputRank())));
        m.put("Activation", c -> c.spec().skipActivation() ? c.input()
                : ActivationOps.apply(c.graph(), ActivationFunction.of(c.params().string("function")),
                (float) c.params().real("alpha"), c.input()));
        m.put("Dropout", EmitContext::input); // inference: identity
        m.put("Flatten", c -> c.graph().op("Flatten", c.input(), Attr.i("axis", 1)));
        m.put("Reshape", c -> reshape(c.graph(), c.input(), c.spec().outputShape().dims()));
    }

    /** Reshape to [batch, sample...]; 0 copies the (dynamic) batch size. */
    static String reshape(OnnxGraph g, String x, int[] sample) {
        long[] dims = new long[sample.length + 1];
        for (int i = 0; i < sample.length; i++) {
            dims[i + 1] = sample[i];
        }
        return g.op("Reshape", List.of(x, g.longs("shape", dims)));
    }

    /** The layer's {@code activation} parameter after its output, unless it is folded into the loss. */
    static String withActivation(EmitContext c, String y) {
        if (c.spec().skipActivation()) {
            return y;
        }
        return ActivationOps.apply(c.graph(), ActivationFunction.of(c.params().string("activation")),
                (float) c.params().real("alpha"), y);
    }
}
