package dev.netwright.engine.data.prep;

import java.util.Random;

/**
 * Random image augmentation applied per batch during training (never to validation or test data).
 * Rows are images of shape [C, H, W], row-major.
 *
 * @param horizontalFlip mirror left-right with probability 1/2
 * @param maxShift       shift by up to this many pixels in each direction, filling with zeros (a random
 *                       crop of a zero-padded image)
 * @param noiseStd       standard deviation of added Gaussian noise, 0 for none
 */
public record Augmentation(boolean horizontalFlip, int maxShift, float noiseStd) {

    public static final Augmentation NONE = new Augmentation(false, 0, 0f);

    public Augmentation {
        if (maxShift < 0 || noiseStd < 0) {
            throw new IllegalArgumentException("maxShift and noiseStd must be >= 0");
        }
    }

    public boolean isNone() {
        return !horizontalFlip && maxShift == 0 && noiseStd == 0;
    }

    /**
     * Augments {@code batch} ({@code batch.length / prod(shape)} images) into a new array; the same
     * {@code random} state gives the same result, so runs are reproducible.
     */
    public float[] apply(float[] batch, long[] shape, Random random) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("image augmentation needs samples of shape [C, H, W], got "
                    + java.util.Arrays.toString(shape));
        }
        int c = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int size = c * h * w;
        if (batch.length % size != 0) {
            throw new IllegalArgumentException("batch length " + batch.length + " is not a multiple of " + size);
        }
        float[] out = batch.clone();
        if (isNone()) {
            return out;
        }
        float[] tmp = new float[size];
        for (int s = 0; s < batch.length / size; s++) {
            int base = s * size;
            boolean flip = horizontalFlip && random.nextBoolean();
            int dy = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
            int dx = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        // Output pixel (y, x) reads the source pixel it came from; outside -> 0.
                        int sy = y - dy;
                        int sx = x - dx;
                        if (flip) {
                            sx = w - 1 - sx;
                        }
                        float v = sy >= 0 && sy < h && sx >= 0 && sx < w ? batch[base + (ch * h + sy) * w + sx] : 0f;
                        tmp[(ch * h + y) * w + x] = v;
                    }
                }
            }
            if (noiseStd > 0) {
                for (int i = 0; i < size; i++) {
                    tmp[i] += (float) (random.nextGaussian() * noiseStd);
                }
            }
            System.arraycopy(tmp, 0, out, base, size);
        }
        return out;
    }
}
