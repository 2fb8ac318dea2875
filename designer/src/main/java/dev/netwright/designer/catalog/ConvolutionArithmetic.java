package dev.netwright.designer.catalog;

/**
 * Output sizes of convolutions and pooling along one axis, as PyTorch computes them. Padding {@code same} pads
 * {@code floor(dilation * (kernel - 1) / 2)} on both sides (symmetric, so the engine can express it exactly).
 */
public final class ConvolutionArithmetic {
    private ConvolutionArithmetic() {
    }

    public static final String VALID = "valid";
    public static final String SAME = "same";

    /** Padding applied on each side of one axis. */
    public static int padding(String mode, int kernel, int dilation) {
        return SAME.equals(mode) ? dilation * (kernel - 1) / 2 : 0;
    }

    /** Output size of a convolution or pooling window; may be below 1 when the window does not fit. */
    public static int convOutput(int in, int kernel, int stride, int pad, int dilation) {
        return Math.floorDiv(in + 2 * pad - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /** Output size of a transposed convolution. */
    public static int transposedOutput(int in, int kernel, int stride, int pad, int dilation, int outputPadding) {
        return (in - 1) * stride - 2 * pad + dilation * (kernel - 1) + outputPadding + 1;
    }

    static String axisName(int axis, int axes) {
        if (axes == 1) {
            return "length";
        }
        return axes == 2 ? (axis == 0 ? "height" : "width") : "axis " + axis;
    }
}
