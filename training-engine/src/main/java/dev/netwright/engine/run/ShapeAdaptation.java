package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import java.util.Arrays;

/**
 * How a dataset's samples fit a design's input: unchanged, or reshaped (same element count, row-major order
 * kept). Anything else is refused by {@link #check}, since silently padding or cropping would train on
 * data the user did not mean.
 */
record ShapeAdaptation(Kind kind, long[] sampleShape, long[] inputShape) {

    enum Kind { EXACT, RESHAPE }

    public ShapeAdaptation {
        sampleShape = sampleShape.clone();
        inputShape = inputShape.clone();
    }

    /** Decides how samples of {@code sampleShape} enter a design whose input (without batch) is {@code inputShape}. */
    public static ShapeAdaptation check(long[] sampleShape, long[] inputShape) {
        if (Arrays.equals(sampleShape, inputShape)) {
            return new ShapeAdaptation(Kind.EXACT, sampleShape, inputShape);
        }
        long a = elements(sampleShape);
        long b = elements(inputShape);
        if (a > 0 && a == b) {
            return new ShapeAdaptation(Kind.RESHAPE, sampleShape, inputShape);
        }
        throw new ShapeMismatchException("dataset samples have shape " + Arrays.toString(sampleShape) + " (" + a
                + " values) but the design input expects " + Arrays.toString(inputShape) + " (" + b
                + " values): the element counts differ, so no reshape can make them fit");
    }

    /** The dataset as the design sees it: same row-major values, sample shape set to the input shape. */
    ArrayDataset apply(ArrayDataset data) {
        if (!Arrays.equals(data.sampleShape(), sampleShape)) {
            throw new IllegalArgumentException("this adaptation is for samples of shape " + Arrays.toString(sampleShape)
                    + ", " + data.name() + " has " + Arrays.toString(data.sampleShape()));
        }
        return kind == Kind.EXACT ? data : new ArrayDataset(data.name(), inputShape, data.features(), data.targets(),
                data.targetWidth(), data.task(), data.classNames());
    }

    boolean needsReshape() {
        return kind == Kind.RESHAPE;
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d <= 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** Dataset and design input cannot be matched. */
    static final class ShapeMismatchException extends IllegalArgumentException {
        public ShapeMismatchException(String message) {
            super(message);
        }
    }
}
