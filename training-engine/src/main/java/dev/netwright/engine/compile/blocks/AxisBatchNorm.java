package dev.netwright.engine.compile.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch normalisation over any sample axis. PyTorch normalises axis 1 (channels); other axes are swapped there
 * and back. Momentum follows PyTorch (weight of the new batch).
 */
public final class AxisBatchNorm extends AbstractBlock {
    private final int batchAxis;
    private final ChannelBatchNorm norm;

    /** @param sampleAxis axis of the sample shape (no batch), negative counts from the end */
    public AxisBatchNorm(int sampleAxis, int sampleRank, float momentum, float epsilon) {
        this.batchAxis = (sampleAxis < 0 ? sampleRank + sampleAxis : sampleAxis) + 1;
        this.norm = addChildBlock("norm", new ChannelBatchNorm(momentum, epsilon));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (batchAxis == 1) {
            return norm.forward(store, inputs, training);
        }
        NDArray y = norm.forward(store, new NDList(x.swapAxes(1, batchAxis)), training).head();
        return new NDList(y.swapAxes(1, batchAxis));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long[] dims = inputShapes[0].getShape().clone();
        long tmp = dims[1];
        dims[1] = dims[batchAxis];
        dims[batchAxis] = tmp;
        norm.initialize(manager, dataType, new Shape(dims));
    }
}
