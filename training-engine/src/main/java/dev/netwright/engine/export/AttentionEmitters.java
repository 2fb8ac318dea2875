package dev.netwright.engine.export;

import ai.djl.nn.Block;
import dev.netwright.engine.compile.blocks.PositionalEncodingBlock;
import dev.netwright.engine.export.OnnxGraph.Attr;
import java.util.List;
import java.util.Map;

/** Embedding, PositionalEncoding, MultiHeadAttention, TransformerEncoder and SequencePool. */
final class AttentionEmitters {
    private AttentionEmitters() {
    }

    static void register(Map<String, NodeEmitter> m) {
        m.put("Embedding", AttentionEmitters::embedding);
        m.put("PositionalEncoding", AttentionEmitters::positions);
        m.put("MultiHeadAttention", c -> SelfAttention.apply(c.graph(), c.block(), c.input(),
                c.params().integer("heads"), c.params().integer("dim"), c.spec().input().dim(0),
                c.params().bool("causal")));
        m.put("TransformerEncoder", AttentionEmitters::encoder);
        m.put("SequencePool", AttentionEmitters::sequencePool);
    }

    private static String embedding(EmitContext c) {
        OnnxGraph g = c.graph();
        int vocab = c.params().integer("vocabSize");
        // ids arrive as floats; clipping before the cast equals the block's cast-then-clip for every value
        String clipped = g.op("Clip", List.of(c.input(), scalar0(g, 0f), scalar0(g, vocab - 1f)));
        String ids = g.op("Cast", clipped, Attr.i("to", ai.onnx.proto.OnnxMl.TensorProto.DataType.INT64_VALUE));
        return g.op("Gather", List.of(Weights.required(c.block(), "embedding").add(g, "table"), ids),
                Attr.i("axis", 0));
    }

    /** A 0-D float (Clip wants scalar bounds). */
    private static String scalar0(OnnxGraph g, float v) {
        return g.floats("bound", new float[] {v}, new long[0]);
    }

    private static String positions(EmitContext c) {
        OnnxGraph g = c.graph();
        int steps = c.spec().input().dim(0);
        int features = c.spec().input().dim(1);
        Tensor table = "learned".equals(c.params().string("kind"))
                ? Weights.required(c.block(), "positions").rows(0, steps)
                : new Tensor(PositionalEncodingBlock.sinusoids(steps, features), new long[] {steps, features});
        return g.op("Add", List.of(c.input(), table.add(g, "positions")));
    }

    private static String encoder(EmitContext c) {
        OnnxGraph g = c.graph();
        Block b = c.block();
        int heads = c.params().integer("heads");
        int dim = c.params().integer("dim");
        long steps = c.spec().input().dim(0);
        boolean gelu = "gelu".equals(c.params().string("activation"));
        Block norm1 = Weights.child(b, "norm1");
        Block norm2 = Weights.child(b, "norm2");
        Block attention = Weights.child(b, "attention");
        String x = c.input();
        if (c.params().bool("normFirst")) {
            x = g.op("Add", List.of(x, SelfAttention.apply(g, attention, NormalisationEmitters.layerNorm(g, norm1, x,
                    1e-5f), heads, dim, steps, false)));
            return g.op("Add", List.of(x, feedForward(g, b, NormalisationEmitters.layerNorm(g, norm2, x, 1e-5f), gelu)));
        }
        x = NormalisationEmitters.layerNorm(g, norm1,
                g.op("Add", List.of(x, SelfAttention.apply(g, attention, x, heads, dim, steps, false))), 1e-5f);
        return NormalisationEmitters.layerNorm(g, norm2, g.op("Add", List.of(x, feedForward(g, b, x, gelu))), 1e-5f);
    }

    private static String feedForward(OnnxGraph g, Block encoder, String x, boolean gelu) {
        String h = Linear.apply(g, Weights.child(encoder, "feedForward1"), x, 3);
        h = gelu ? ActivationOps.gelu(g, h) : g.op("Relu", h);
        return Linear.apply(g, Weights.child(encoder, "feedForward2"), h, 3);
    }

    private static String sequencePool(EmitContext c) {
        OnnxGraph g = c.graph();
        return switch (c.params().string("mode")) {
            case "max" -> g.op("ReduceMax", c.input(), Attr.ints("axes", 1L), Attr.i("keepdims", 0));
            case "first" -> g.op("Gather", List.of(c.input(), g.scalarLong("first", 0)), Attr.i("axis", 1));
            case "last" -> g.op("Gather", List.of(c.input(), g.scalarLong("last", c.spec().input().dim(0) - 1L)),
                    Attr.i("axis", 1));
            default -> g.op("ReduceMean", c.input(), Attr.ints("axes", 1L), Attr.i("keepdims", 0));
        };
    }
}
