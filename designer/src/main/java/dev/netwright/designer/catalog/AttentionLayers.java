package dev.netwright.designer.catalog;

import dev.netwright.designer.model.Shape;
import java.util.List;

/** Embedding, positional encoding, multi-head attention, transformer encoder and sequence pooling. */
final class AttentionLayers {
    private AttentionLayers() {
    }

    static List<LayerKind> all() {
        List<Integer> seq = LayerExample.SEQUENCE;
        return List.of(new Embedding().withExamples(LayerExample.of(List.of(12), "vocabSize", 20, "dim", 6)),
                new PositionalEncoding().withExamples(LayerExample.of(seq, "maxLength", 16),
                        LayerExample.of(seq, "kind", "learned", "maxLength", 16)),
                new MultiHeadAttention().withExamples(LayerExample.of(seq, "heads", 2, "dim", 8, "causal", true),
                        LayerExample.of(seq, "heads", 3, "dim", 6)),
                new TransformerEncoder().withExamples(LayerExample.of(seq, "heads", 3, "dim", 6, "ffDim", 12),
                        LayerExample.of(seq, "heads", 2, "dim", 6, "ffDim", 8, "normFirst", true,
                                "activation", "gelu")),
                new SequencePool().withExamples(LayerExample.of(seq, "mode", "max"),
                        LayerExample.of(seq, "mode", "last"), LayerExample.of(seq, "mode", "first"),
                        LayerExample.of(seq, "mode", "mean")));
    }

    private static final String SEQUENCE = "a sequence [time, features]";
    private static final String SEQUENCE_HINT = "add an Embedding (for token ids) or a Dense layer before it";

    /** Parameters of self-attention with input width {@code in} projected to {@code dim}: q, k, v and output. */
    static long attentionParams(long in, long dim) {
        return 3 * (in * dim + dim) + dim * dim + dim;
    }

    /** q, k, v projections and the output projection, each with a bias. */
    static String attentionFormula(long in, long dim) {
        return "3 × (" + in + " × " + dim + " + " + dim + ") + (" + dim + " × " + dim + " + " + dim + ")";
    }

    static long attentionMacs(long steps, long in, long dim) {
        return 3 * steps * in * dim + 2 * steps * steps * dim + steps * dim * dim;
    }

    static void checkHeads(int heads, int dim) throws ShapeException {
        if (dim % heads != 0) {
            throw new ShapeException("dim " + dim + " is not divisible by heads " + heads,
                    "choose heads that divide dim (e.g. " + largestDivisor(dim, heads) + ")", "heads");
        }
    }

    private static int largestDivisor(int dim, int atMost) {
        for (int h = Math.min(atMost, dim); h > 1; h--) {
            if (dim % h == 0) {
                return h;
            }
        }
        return 1;
    }

    static final class Embedding extends BaseLayerKind {
        Embedding() {
            super("Embedding", LayerCategory.ATTENTION, "Looks up a learned vector for each token id: [time] to [time, dim]",
                    1, 1,
                    ParamSpec.integer("vocabSize", 1000, 1, 1 << 24, "number of distinct token ids (0 .. vocabSize-1)"),
                    ParamSpec.integer("dim", 64, 1, 1 << 16, "length of each token vector"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, "token ids [time]", "feed it an Input of shape [time] holding token ids", 1);
            return Shape.of(in.dim(0), p.integer("dim"));
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            return new LayerCost((long) p.integer("vocabSize") * p.integer("dim"), 0, 0);
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            return p.integer("vocabSize") + " × " + p.integer("dim");
        }
    }

    static final class PositionalEncoding extends BaseLayerKind {
        PositionalEncoding() {
            super("PositionalEncoding", LayerCategory.ATTENTION,
                    "Adds position information to each time step (fixed sinusoids or learned vectors)", 1, 1,
                    ParamSpec.choice("kind", "sinusoidal", List.of("sinusoidal", "learned"), "how positions are encoded"),
                    ParamSpec.integer("maxLength", 512, 1, 1 << 20, "longest sequence supported"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, SEQUENCE, SEQUENCE_HINT, 2);
            if (in.dim(0) > p.integer("maxLength")) {
                throw new ShapeException("sequences of " + in.dim(0) + " steps are longer than maxLength "
                        + p.integer("maxLength"), "raise maxLength to at least " + in.dim(0), "maxLength");
            }
            return in;
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            long learned = "learned".equals(p.string("kind")) ? (long) p.integer("maxLength") * output.dim(1) : 0;
            return new LayerCost(learned, 0, 0);
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            return "learned".equals(p.string("kind")) ? p.integer("maxLength") + " × " + output.dim(1) : "";
        }
    }

    static final class MultiHeadAttention extends BaseLayerKind {
        MultiHeadAttention() {
            super("MultiHeadAttention", LayerCategory.ATTENTION,
                    "Self-attention: every step attends to every step (or only earlier ones when causal)", 1, 1,
                    ParamSpec.integer("heads", 4, 1, 256, "number of attention heads; must divide dim"),
                    ParamSpec.integer("dim", 64, 1, 1 << 16, "width of queries, keys, values and output"),
                    ParamSpec.real("dropout", 0, 0, 1, true, "dropout on attention weights while training"),
                    ParamSpec.bool("causal", false, "mask future steps (for autoregressive models)"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, SEQUENCE, SEQUENCE_HINT, 2);
            checkHeads(p.integer("heads"), p.integer("dim"));
            return Shape.of(in.dim(0), p.integer("dim"));
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            Shape in = inputs.get(0);
            long dim = p.integer("dim");
            return new LayerCost(attentionParams(in.dim(1), dim), 0, attentionMacs(in.dim(0), in.dim(1), dim));
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            return attentionFormula(inputs.get(0).dim(1), p.integer("dim"));
        }
    }

    static final class TransformerEncoder extends BaseLayerKind {
        TransformerEncoder() {
            super("TransformerEncoder", LayerCategory.ATTENTION,
                    "One encoder layer: self-attention and a feed-forward block, each with a residual and LayerNorm",
                    1, 1,
                    ParamSpec.integer("heads", 4, 1, 256, "number of attention heads; must divide dim"),
                    ParamSpec.integer("dim", 64, 1, 1 << 16, "model width; must equal the input's features"),
                    ParamSpec.integer("ffDim", 256, 1, 1 << 18, "hidden width of the feed-forward block"),
                    ParamSpec.real("dropout", 0.1, 0, 1, true, "dropout after attention and feed-forward"),
                    ParamSpec.bool("normFirst", false, "LayerNorm before each block (pre-norm) instead of after"),
                    ParamSpec.choice("activation", "relu", List.of("relu", "gelu"), "feed-forward activation"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, SEQUENCE, SEQUENCE_HINT, 2);
            int dim = p.integer("dim");
            if (in.dim(1) != dim) {
                throw new ShapeException("dim " + dim + " differs from the input's " + in.dim(1) + " features (input "
                        + in + ")", "set dim to " + in.dim(1) + ", or add a Dense(units=" + dim + ") before it", "dim");
            }
            checkHeads(p.integer("heads"), dim);
            return in;
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            long dim = p.integer("dim");
            long ff = p.integer("ffDim");
            long steps = output.dim(0);
            long params = attentionParams(dim, dim) + (dim * ff + ff) + (ff * dim + dim) + 4 * dim;
            long macs = attentionMacs(steps, dim, dim) + 2 * steps * dim * ff + 2 * output.elements();
            return new LayerCost(params, 0, macs);
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            int dim = p.integer("dim");
            int ff = p.integer("ffDim");
            return attentionFormula(dim, dim) + " + (" + dim + " × " + ff + " + " + ff + ") + (" + ff + " × " + dim
                    + " + " + dim + ") + 4 × " + dim;
        }
    }

    static final class SequencePool extends BaseLayerKind {
        SequencePool() {
            super("SequencePool", LayerCategory.ATTENTION,
                    "Summarises a sequence [time, features] as one vector [features] (mean, max, first or last step)",
                    1, 1, ParamSpec.choice("mode", "mean", List.of("mean", "max", "first", "last"), "how steps are combined"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            return Shape.of(input(inputs, SEQUENCE, "feed it a sequence such as an LSTM or TransformerEncoder output", 2)
                    .dim(1));
        }
    }
}
