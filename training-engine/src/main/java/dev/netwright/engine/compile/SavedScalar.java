package dev.netwright.engine.compile;

import ai.djl.ndarray.NDArray;

/**
 * A constant operand for a multiplication, division, minimum or maximum inside a forward pass that is trained.
 *
 * <p>DJL's PyTorch engine turns a Java number operand ({@code x.div(8.0)}) into a tensor over a direct buffer
 * without copying, and closes it as soon as the operation returns. Autograd keeps that tensor for the backward pass
 * (the gradient of {@code x / c} is {@code g / c}), but nothing keeps the buffer: once the garbage collector frees
 * it, the memory is reused and the backward pass reads whatever was written there since. The gradients behind the
 * operation become NaN or infinite at random, more often the more the JVM allocates (other runs, other tests). A
 * tensor made here belongs to the same manager as {@code like}, so it lives until the step's arrays are closed,
 * after the backward pass.
 */
public final class SavedScalar {
    private SavedScalar() {
    }

    /** {@code value} as a 0-d array of {@code like}'s type and device, owned by {@code like}'s manager. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().create((float) value).toType(like.getDataType(), false)
                .toDevice(like.getDevice(), false);
    }
}
