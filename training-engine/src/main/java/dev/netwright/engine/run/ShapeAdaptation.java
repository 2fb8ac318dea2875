package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.prep.ImagePreprocessing;
import java.util.Arrays;

/**
 * How samples fit a design's input, the one rule for training, evaluation and prediction: unchanged when the shapes
 * are equal; resized when the run uses ImageNet preprocessing and the samples are images; reshaped when the element
 * counts match (row-major order kept). Anything else is refused by {@link #check}, since silently padding or
 * cropping would train on, or predict from, data the user did not mean.
 */
record ShapeAdaptation(Kind kind, long[] sampleShape, long[] inputShape, ImagePreprocessing preprocessing) {

    enum Kind { EXACT, RESIZE, RESHAPE }

    ShapeAdaptation {
        sampleShape = sampleShape.clone();
        inputShape = inputShape.clone();
    }

    /** {@link #check(long[], long[], ImagePreprocessing)} without image preprocessing. */
    static ShapeAdaptation check(long[] sampleShape, long[] inputShape) {
        return check(sampleShape, inputShape, ImagePreprocessing.NONE);
    }

    /**
     * Decides how samples of {@code sampleShape} enter a design whose input (without batch) is {@code inputShape}
     * when the run preprocesses images with {@code preprocessing}.
     *
     * @throws IllegalArgumentException naming both shapes when no rule fits, or naming the samples' shape when
     *                                  ImageNet preprocessing is asked for samples that are not images
     */
    static ShapeAdaptation check(long[] sampleShape, long[] inputShape, ImagePreprocessing preprocessing) {
        if (Arrays.equals(sampleShape, inputShape)) {
            return new ShapeAdaptation(Kind.EXACT, sampleShape, inputShape, preprocessing);
        }
        if (preprocessing == ImagePreprocessing.IMAGENET) {
            if (!ImagePreprocessing.isImage(sampleShape)) {
                throw new ShapeMismatchException("image preprocessing 'imagenet' is for images, but the samples"
                        + " have shape " + Arrays.toString(sampleShape) + " (expected [1 or 3 channels, height,"
                        + " width])");
            }
            return new ShapeAdaptation(Kind.RESIZE, sampleShape, inputShape, preprocessing);
        }
        long a = elements(sampleShape);
        long b = elements(inputShape);
        if (a > 0 && a == b) {
            return new ShapeAdaptation(Kind.RESHAPE, sampleShape, inputShape, preprocessing);
        }
        throw new ShapeMismatchException("samples have shape " + Arrays.toString(sampleShape) + " (" + a
                + " values) but the design input expects " + Arrays.toString(inputShape) + " (" + b
                + " values): the element counts differ, so no reshape can make them fit");
    }

    /** The dataset as the design sees it: same row-major values (or resized images), sample shape the input's. */
    ArrayDataset apply(ArrayDataset data) {
        if (!Arrays.equals(data.sampleShape(), sampleShape)) {
            throw new IllegalArgumentException("this adaptation is for samples of shape " + Arrays.toString(sampleShape)
                    + ", " + data.name() + " has " + Arrays.toString(data.sampleShape()));
        }
        return switch (kind) {
            case EXACT -> data;
            case RESIZE -> preprocessing.resize(data, inputShape);
            case RESHAPE -> new ArrayDataset(data.name(), inputShape, data.features(), data.targets(),
                    data.targetWidth(), data.task(), data.classNames());
        };
    }

    /**
     * {@code count} samples given row by row, as the design's input takes them: resized images, or the same values
     * (the network reshapes samples of the same element count, as in training).
     */
    float[] apply(float[] samples, int count) {
        return kind == Kind.RESIZE ? preprocessing.resize(samples, count, sampleShape, inputShape) : samples;
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

    /** Samples and design input cannot be matched. */
    static final class ShapeMismatchException extends IllegalArgumentException {
        ShapeMismatchException(String message) {
            super(message);
        }
    }
}
