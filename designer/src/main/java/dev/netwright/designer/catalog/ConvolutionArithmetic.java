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
    /** Padding given per side in a convolution's {@code pads} parameter (ONNX order: every axis' begin, then ends). */
    public static final String EXPLICIT = "explicit";

    /** Padding applied on each side of one axis. */
    public static int padding(String mode, int kernel, int dilation) {
        return SAME.equals(mode) ? dilation * (kernel - 1) / 2 : 0;
    }

    /**
     * Padding of every axis' begin, then of every axis' end (ONNX order) for a convolution: {@code pads} when the mode
     * is explicit (checked by the kind to hold 2 values per axis), else the symmetric padding of the mode.
     */
    public static int[] sidePads(String mode, java.util.List<Integer> pads, int[] kernel, int[] dilation) {
        int axes = kernel.length;
        int[] out = new int[2 * axes];
        for (int a = 0; a < axes; a++) {
            if (EXPLICIT.equals(mode)) {
                out[a] = pads.get(a);
                out[a + axes] = pads.get(a + axes);
            } else {
                out[a] = padding(mode, kernel[a], dilation[a]);
                out[a + axes] = out[a];
            }
        }
        return out;
    }

    /** Whether each axis is padded the same at both ends. */
    public static boolean symmetric(int[] sidePads) {
        int axes = sidePads.length / 2;
        for (int a = 0; a < axes; a++) {
            if (sidePads[a] != sidePads[a + axes]) {
                return false;
            }
        }
        return true;
    }

    /** Output size with different padding at the two ends of the axis. */
    public static int convOutput(int in, int kernel, int stride, int padBegin, int padEnd, int dilation) {
        return Math.floorDiv(in + padBegin + padEnd - dilation * (kernel - 1) - 1, stride) + 1;
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
