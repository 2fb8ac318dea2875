package dev.netwright.engine.compile.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D transposed convolution with PyTorch's parameter layout (weight [in, out, kh, kw], bias [out]). DJL's
 * Conv2dTranspose is not implemented on the PyTorch engine, so this computes the equivalent ordinary convolution:
 * insert stride-1 zeros between input pixels, pad kernel-1-padding on each side (plus outputPadding at the
 * bottom/right), and convolve with the spatially flipped, in/out-swapped kernel.
 */
public final class TransposedConvolution2D extends AbstractBlock {
    private final int filters;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] outputPadding;
    private final Parameter weight;
    private final Parameter bias;

    public TransposedConvolution2D(int filters, int[] kernel, int[] stride, int[] padding, int[] outputPadding,
                                   boolean useBias) {
        this.filters = filters;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.outputPadding = outputPadding.clone();
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = useBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(filters)).build()) : null;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(inputShapes[0].get(1), filters, kernel[0], kernel[1]));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        x = spreadOut(x, 2, stride[0]);
        x = spreadOut(x, 3, stride[1]);
        x = padEnd(x, 2, outputPadding[0]);
        x = padEnd(x, 3, outputPadding[1]);
        NDArray flipped = w.flip(2, 3).transpose(1, 0, 2, 3);
        Shape pad = new Shape(kernel[0] - 1 - padding[0], kernel[1] - 1 - padding[1]);
        return Conv2d.conv2d(x, flipped, b, new Shape(1, 1), pad, new Shape(1, 1));
    }

    /** Puts {@code step - 1} zeros between neighbouring values along {@code axis} (differentiable). */
    private static NDArray spreadOut(NDArray x, int axis, int step) {
        if (step == 1) {
            return x;
        }
        long[] dims = x.getShape().getShape().clone();
        long size = dims[axis];
        NDArray expanded = x.expandDims(axis + 1);
        long[] zeroDims = expanded.getShape().getShape().clone();
        zeroDims[axis + 1] = step - 1;
        NDArray zeros = x.getManager().zeros(new Shape(zeroDims), x.getDataType(), x.getDevice());
        NDArray interleaved = NDArrays.concat(new NDList(expanded, zeros), axis + 1);
        dims[axis] = size * step;
        NDArray flat = interleaved.reshape(new Shape(dims));
        return flat.get(index(dims.length, axis, "0:" + ((size - 1) * step + 1)));
    }

    private static NDArray padEnd(NDArray x, int axis, int extra) {
        if (extra == 0) {
            return x;
        }
        long[] dims = x.getShape().getShape().clone();
        dims[axis] = extra;
        NDArray zeros = x.getManager().zeros(new Shape(dims), x.getDataType(), x.getDevice());
        return NDArrays.concat(new NDList(x, zeros), axis);
    }

    private static String index(int rank, int axis, String slice) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            s.append(i == 0 ? "" : ",").append(i == axis ? slice : ":");
        }
        return s.toString();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long[] out = {in.get(0), filters, 0, 0};
        for (int a = 0; a < 2; a++) {
            out[a + 2] = (in.get(a + 2) - 1) * stride[a] - 2L * padding[a] + kernel[a] - 1 + outputPadding[a] + 1;
        }
        return new Shape[] {new Shape(out)};
    }
}
