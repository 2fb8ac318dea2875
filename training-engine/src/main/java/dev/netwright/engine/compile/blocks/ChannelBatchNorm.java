package dev.netwright.engine.compile.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Batch normalisation over axis 1 (channels) written from elementwise operations, with PyTorch's semantics:
 * biased batch variance to normalise, unbiased variance into the running estimate, momentum as the weight of the
 * new batch. DJL's fused batch norm on the PyTorch engine returned NaN gradients at random when its output fed a
 * convolution (the DCGAN generator diverged in its second batch); autograd through plain operations does not.
 */
final class ChannelBatchNorm extends AbstractBlock {
    private final float momentum;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /** @param momentum PyTorch convention: weight of the current batch in the running statistics */
    public ChannelBatchNorm(float momentum, float epsilon) {
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optInitializer(Initializer.ONES).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optInitializer(Initializer.ZEROS).build());
        this.runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optInitializer(Initializer.ZEROS).optRequiresGrad(false).build());
        this.runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optInitializer(Initializer.ONES).optRequiresGrad(false).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape channels = new Shape(inputShapes[0].get(1));
        gamma.setShape(channels);
        beta.setShape(channels);
        runningMean.setShape(channels);
        runningVar.setShape(channels);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        long channels = x.getShape().get(1);
        long[] broadcast = new long[x.getShape().dimension()];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[1] = channels;
        Shape perChannel = new Shape(broadcast);
        NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(perChannel);
        NDArray b = store.getValue(beta, x.getDevice(), training).reshape(perChannel);
        NDArray mean;
        NDArray var;
        if (training) {
            mean = channelMean(x, perChannel);
            NDArray centred = x.sub(mean);
            var = channelMean(centred.square(), perChannel);
            updateRunningStatistics(store, x, mean, var);
            NDArray normalised = centred.div(var.add(epsilon).sqrt());
            return new NDList(normalised.mul(g).add(b));
        }
        mean = store.getValue(runningMean, x.getDevice(), false).reshape(perChannel);
        var = store.getValue(runningVar, x.getDevice(), false).reshape(perChannel);
        return new NDList(x.sub(mean).div(var.add(epsilon).sqrt()).mul(g).add(b));
    }

    private void updateRunningStatistics(ParameterStore store, NDArray x, NDArray mean, NDArray var) {
        long perChannelCount = x.size() / x.getShape().get(1);
        double unbias = perChannelCount > 1 ? (double) perChannelCount / (perChannelCount - 1) : 1.0;
        NDArray batchMean = mean.stopGradient().flatten();
        NDArray batchVar = var.stopGradient().flatten().mul(unbias);
        NDArray rm = store.getValue(runningMean, x.getDevice(), true);
        NDArray rv = store.getValue(runningVar, x.getDevice(), true);
        rm.muli(1 - momentum).addi(batchMean.mul(momentum));
        rv.muli(1 - momentum).addi(batchVar.mul(momentum));
    }

    /** Mean over every axis but 1; the PyTorch engine averages one axis at a time, so channels go first. */
    private static NDArray channelMean(NDArray x, Shape perChannel) {
        long channels = x.getShape().get(1);
        return x.swapAxes(0, 1).reshape(channels, -1).mean(new int[] {1}, true).reshape(perChannel);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
