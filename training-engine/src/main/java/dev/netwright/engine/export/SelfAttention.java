package dev.netwright.engine.export;

import ai.djl.nn.Block;
import dev.netwright.engine.export.OnnxGraph.Attr;
import java.util.List;

/**
 * MultiHeadSelfAttention decomposed into MatMul/Add/Reshape/Transpose/Softmax, step for step as the DJL block
 * computes it (scores divided by sqrt(head width), -1e9 above the diagonal when causal).
 */
final class SelfAttention {
    private SelfAttention() {
    }

    static String apply(OnnxGraph g, Block attention, String x, int heads, int dim, long steps, boolean causal) {
        long headDim = dim / heads;
        String q = split(g, Linear.apply(g, Weights.child(attention, "query"), x, 3), heads, headDim, 0, 2, 1, 3);
        // keys go straight to [batch, heads, headDim, time], i.e. already transposed for Q K^T
        String kT = split(g, Linear.apply(g, Weights.child(attention, "key"), x, 3), heads, headDim, 0, 2, 3, 1);
        String v = split(g, Linear.apply(g, Weights.child(attention, "value"), x, 3), heads, headDim, 0, 2, 1, 3);
        String scores = g.op("Div", List.of(g.op("MatMul", List.of(q, kT)),
                ActivationOps.scalar(g, "scale", (float) Math.sqrt(headDim))));
        if (causal) {
            scores = g.op("Add", List.of(scores, g.floats("causal_mask", mask((int) steps), steps, steps)));
        }
        String weights = g.op("Softmax", scores, Attr.i("axis", -1));
        String merged = g.op("Transpose", g.op("MatMul", List.of(weights, v)), Attr.ints("perm", 0L, 2L, 1L, 3L));
        merged = g.op("Reshape", List.of(merged, g.longs("shape", 0, 0, dim)));
        return Linear.apply(g, Weights.child(attention, "output"), merged, 3);
    }

    private static String split(OnnxGraph g, String projected, long heads, long headDim, long... perm) {
        String r = g.op("Reshape", List.of(projected, g.longs("shape", 0, 0, heads, headDim)));
        return g.op("Transpose", r, Attr.ints("perm", perm));
    }

    private static float[] mask(int steps) {
        float[] mask = new float[steps * steps];
        for (int i = 0; i < steps; i++) {
            for (int j = i + 1; j < steps; j++) {
                mask[i * steps + j] = -1e9f;
            }
        }
        return mask;
    }
}
