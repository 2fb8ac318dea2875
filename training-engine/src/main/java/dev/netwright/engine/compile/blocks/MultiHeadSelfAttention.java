package dev.netwright.engine.compile.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.netwright.engine.compile.SavedScalar;

/**
 * Scaled dot-product self-attention over [batch, time, features] with {@code heads} heads: query, key and value
 * projections to {@code dim}, softmax(QK^T / sqrt(dim/heads)) V per head, then an output projection. With
 * {@code causal} a step attends only to itself and earlier steps. Parameters match PyTorch's MultiheadAttention.
 */
public final class MultiHeadSelfAttention extends AbstractBlock {
    private final int heads;
    private final int dim;
    private final boolean causal;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final Dropout dropout;

    public MultiHeadSelfAttention(int heads, int dim, float dropoutRate, boolean causal) {
        this.heads = heads;
        this.dim = dim;
        this.causal = causal;
        this.query = addChildBlock("query", Linear.builder().setUnits(dim).build());
        this.key = addChildBlock("key", Linear.builder().setUnits(dim).build());
        this.value = addChildBlock("value", Linear.builder().setUnits(dim).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(dim).build());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        long batch = x.getShape().get(0);
        long steps = x.getShape().get(1);
        long headDim = dim / heads;
        NDArray q = split(query.forward(store, new NDList(x), training).head(), batch, steps, headDim);
        NDArray k = split(key.forward(store, new NDList(x), training).head(), batch, steps, headDim);
        NDArray v = split(value.forward(store, new NDList(x), training).head(), batch, steps, headDim);
        // the scale as an array that outlives the backward pass (see SavedScalar: div(double) lost it at random)
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(SavedScalar.of(q, 1 / Math.sqrt(headDim)));
        if (causal) {
            // -1e9 above the diagonal: future steps get (numerically) zero weight after softmax
            NDArray future = x.getManager().create(causalMask((int) steps), new Shape(steps, steps));
            scores = scores.add(future.toType(scores.getDataType(), false));
        }
        NDArray weights = dropout.forward(store, new NDList(scores.softmax(-1)), training).head();
        NDArray merged = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, steps, dim);
        return output.forward(store, new NDList(merged), training);
    }

    private static float[] causalMask(int steps) {
        float[] mask = new float[steps * steps];
        for (int i = 0; i < steps; i++) {
            for (int j = i + 1; j < steps; j++) {
                mask[i * steps + j] = -1e9f;
            }
        }
        return mask;
    }

    private NDArray split(NDArray projected, long batch, long steps, long headDim) {
        return projected.reshape(batch, steps, heads, headDim).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        query.initialize(manager, dataType, in);
        key.initialize(manager, dataType, in);
        value.initialize(manager, dataType, in);
        Shape projected = new Shape(in.get(0), in.get(1), dim);
        output.initialize(manager, dataType, projected);
        dropout.initialize(manager, dataType, new Shape(in.get(0), heads, in.get(1), in.get(1)));
    }
}
