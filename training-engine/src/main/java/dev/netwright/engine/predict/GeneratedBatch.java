package dev.netwright.engine.predict;

/**
 * Samples drawn from a GAN generator.
 *
 * @param count   number of samples
 * @param shape   one sample's shape
 * @param values  row-major sample values, {@code count * prod(shape)}
 * @param seed    the noise seed that reproduces them
 */
public record GeneratedBatch(int count, long[] shape, float[] values, long seed) {
    public GeneratedBatch {
        shape = shape.clone();
        values = values.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Sample {@code i} as a flat array. */
    public float[] sample(int i) {
        int w = values.length / Math.max(count, 1);
        return java.util.Arrays.copyOfRange(values, i * w, (i + 1) * w);
    }
}
