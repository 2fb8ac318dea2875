package dev.netwright.engine.compile.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A SimpleRNN, LSTM or GRU stack over [batch, time, features]. One-directional stacks use DJL's multi-layer block;
 * bidirectional ones are built from one-directional layers (a forward layer and a layer reading the reversed
 * sequence, concatenated), because DJL's bidirectional layers with biases fail on PyTorch. Without
 * {@code returnSequences} the output is the last step (forward) joined with the first step (backward direction).
 */
public final class RecurrentLayer extends AbstractBlock {

    /** Which recurrent cell. */
    public enum Cell { SIMPLE_TANH, SIMPLE_RELU, LSTM, GRU }

    private final int units;
    private final boolean bidirectional;
    private final boolean returnSequences;
    private final List<RecurrentBlock> forward = new ArrayList<>();
    private final List<RecurrentBlock> backward = new ArrayList<>();
    private final List<Dropout> between = new ArrayList<>();

    public RecurrentLayer(Cell cell, int units, int layers, boolean bidirectional, boolean returnSequences,
                          float dropout) {
        this.units = units;
        this.bidirectional = bidirectional;
        this.returnSequences = returnSequences;
        if (!bidirectional) {
            forward.add(addChildBlock("stack", build(cell, units, layers, dropout)));
            return;
        }
        for (int l = 0; l < layers; l++) {
            if (l > 0) {
                between.add(addChildBlock("dropout" + l, Dropout.builder().optRate(dropout).build()));
            }
            forward.add(addChildBlock("forward" + l, build(cell, units, 1, 0)));
            backward.add(addChildBlock("backward" + l, build(cell, units, 1, 0)));
        }
    }

    private static RecurrentBlock build(Cell cell, int units, int layers, float dropout) {
        return switch (cell) {
            case LSTM -> LSTM.builder().setStateSize(units).setNumLayers(layers).optDropRate(dropout)
                    .optBatchFirst(true).optReturnState(false).build();
            case GRU -> GRU.builder().setStateSize(units).setNumLayers(layers).optDropRate(dropout)
                    .optBatchFirst(true).optReturnState(false).build();
            case SIMPLE_TANH, SIMPLE_RELU -> RNN.builder().setStateSize(units).setNumLayers(layers)
                    .optDropRate(dropout).optBatchFirst(true).optReturnState(false)
                    .setActivation(cell == Cell.SIMPLE_RELU ? RNN.Activation.RELU : RNN.Activation.TANH).build();
        };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (!training && inputs.head() instanceof PtNDArray && !JniUtils.isGradMode()) {
            // libtorch's no-grad recurrent kernels (oneDNN on CPU) compute a different function from the textbook
            // cell that training used, for most LSTM widths (measured off by up to 0.5); the autograd path is exact.
            JniUtils.setGradMode(true);
            try {
                return new NDList(run(store, inputs.head(), false).stopGradient());
            } finally {
                JniUtils.setGradMode(false);
            }
        }
        return new NDList(run(store, inputs.head(), training));
    }

    private NDArray run(ParameterStore store, NDArray input, boolean training) {
        NDArray x = input;
        if (!bidirectional) {
            x = forward.get(0).forward(store, new NDList(x), training).head();
        } else {
            for (int l = 0; l < forward.size(); l++) {
                if (l > 0) {
                    x = between.get(l - 1).forward(store, new NDList(x), training).head();
                }
                NDArray f = forward.get(l).forward(store, new NDList(x), training).head();
                NDArray b = backward.get(l).forward(store, new NDList(x.flip(1)), training).head().flip(1);
                x = NDArrays.concat(new NDList(f, b), 2);
            }
        }
        if (returnSequences) {
            return x;
        }
        if (!bidirectional) {
            return x.get(":, -1, :");
        }
        NDArray last = x.get(":, -1, 0:" + units);
        NDArray first = x.get(":, 0, " + units + ":");
        return NDArrays.concat(new NDList(last, first), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long width = (long) units * (bidirectional ? 2 : 1);
        return new Shape[] {returnSequences ? new Shape(in.get(0), in.get(1), width) : new Shape(in.get(0), width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (!bidirectional) {
            forward.get(0).initialize(manager, dataType, in);
            return;
        }
        Shape layerInput = in;
        for (int l = 0; l < forward.size(); l++) {
            if (l > 0) {
                between.get(l - 1).initialize(manager, dataType, layerInput);
            }
            forward.get(l).initialize(manager, dataType, layerInput);
            backward.get(l).initialize(manager, dataType, layerInput);
            layerInput = new Shape(in.get(0), in.get(1), 2L * units);
        }
    }
}
