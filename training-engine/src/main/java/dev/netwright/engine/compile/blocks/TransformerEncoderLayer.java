package dev.netwright.engine.compile.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The standard transformer encoder layer (Vaswani et al.): self-attention and a two-layer feed-forward block, each
 * wrapped in dropout, a residual connection and LayerNorm (after the block, or before it with {@code normFirst}).
 * Built here because DJL's TransformerEncoderBlock normalises with BatchNorm.
 */
public final class TransformerEncoderLayer extends AbstractBlock {
    private final boolean normFirst;
    private final boolean gelu;
    private final MultiHeadSelfAttention attention;
    private final Dropout attentionDropout;
    private final LayerNorm norm1;
    private final Linear feedForward1;
    private final Dropout feedForwardDropout;
    private final Linear feedForward2;
    private final Dropout outputDropout;
    private final LayerNorm norm2;

    public TransformerEncoderLayer(int heads, int dim, int ffDim, float dropout, boolean normFirst, boolean gelu) {
        this.normFirst = normFirst;
        this.gelu = gelu;
        this.attention = addChildBlock("attention", new MultiHeadSelfAttention(heads, dim, dropout, false));
        this.attentionDropout = addChildBlock("attentionDropout", Dropout.builder().optRate(dropout).build());
        this.norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).optEpsilon(1e-5f).build());
        this.feedForward1 = addChildBlock("feedForward1", Linear.builder().setUnits(ffDim).build());
        this.feedForwardDropout = addChildBlock("feedForwardDropout", Dropout.builder().optRate(dropout).build());
        this.feedForward2 = addChildBlock("feedForward2", Linear.builder().setUnits(dim).build());
        this.outputDropout = addChildBlock("outputDropout", Dropout.builder().optRate(dropout).build());
        this.norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).optEpsilon(1e-5f).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (normFirst) {
            x = x.add(attentionBlock(store, norm(norm1, store, x, training), training));
            return new NDList(x.add(feedForwardBlock(store, norm(norm2, store, x, training), training)));
        }
        x = norm(norm1, store, x.add(attentionBlock(store, x, training)), training);
        return new NDList(norm(norm2, store, x.add(feedForwardBlock(store, x, training)), training));
    }

    private NDArray attentionBlock(ParameterStore store, NDArray x, boolean training) {
        NDArray a = attention.forward(store, new NDList(x), training).head();
        return attentionDropout.forward(store, new NDList(a), training).head();
    }

    private NDArray feedForwardBlock(ParameterStore store, NDArray x, boolean training) {
        NDArray h = feedForward1.forward(store, new NDList(x), training).head();
        h = gelu ? Activation.gelu(h) : Activation.relu(h);
        h = feedForwardDropout.forward(store, new NDList(h), training).head();
        h = feedForward2.forward(store, new NDList(h), training).head();
        return outputDropout.forward(store, new NDList(h), training).head();
    }

    private static NDArray norm(LayerNorm norm, ParameterStore store, NDArray x, boolean training) {
        return norm.forward(store, new NDList(x), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        attention.initialize(manager, dataType, in);
        attentionDropout.initialize(manager, dataType, in);
        norm1.initialize(manager, dataType, in);
        feedForward1.initialize(manager, dataType, in);
        Shape hidden = feedForward1.getOutputShapes(new Shape[] {in})[0];
        feedForwardDropout.initialize(manager, dataType, hidden);
        feedForward2.initialize(manager, dataType, hidden);
        outputDropout.initialize(manager, dataType, in);
        norm2.initialize(manager, dataType, in);
    }
}
