package dev.netwright.engine.train;

import java.util.Arrays;

/**
 * A batch of generator outputs for previews: {@code count} samples of {@code sampleShape}, row-major.
 * Immutable: arrays are copied in and out.
 */
public record GeneratedSamples(int epoch, long[] sampleShape, int count, float[] values) {

    public GeneratedSamples {
        sampleShape = sampleShape.clone();
        values = values.clone();
        long width = 1;
        for (long d : sampleShape) {
            width *= d;
        }
        if (width * count != values.length) {
            throw new IllegalArgumentException(values.length + " values do not form " + count + " samples");
        }
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** One sample's values. */
    float[] sample(int index) {
        int width = values.length / count;
        return Arrays.copyOfRange(values, index * width, (index + 1) * width);
    }

    /** Per-feature mean over the samples (length = values per sample). */
    public double[] mean() {
        int width = values.length / count;
        double[] mean = new double[width];
        for (int i = 0; i < values.length; i++) {
            mean[i % width] += values[i];
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= count;
        }
        return mean;
    }
}
