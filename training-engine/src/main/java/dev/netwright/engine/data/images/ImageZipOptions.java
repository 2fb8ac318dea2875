package dev.netwright.engine.data.images;

/**
 * How to read an image archive.
 *
 * @param width, height  every image is resized to this many pixels
 * @param color          GREY gives 1 channel, RGB 3
 * @param maxTotalBytes  stop when the entries' uncompressed bytes exceed this (zip-bomb guard; counted
 *                       while reading, not trusted from the archive's headers)
 * @param maxPixels      largest width x height an image may declare before it is decoded
 * @param maxEntries     most archive entries read (millions of empty entries cost time without bytes)
 */
public record ImageZipOptions(int width, int height, ColorMode color, long maxTotalBytes, long maxPixels,
                              int maxEntries) {

    public enum ColorMode {
        GREY(1), RGB(3);

        private final int channels;

        ColorMode(int channels) {
            this.channels = channels;
        }

        int channels() {
            return channels;
        }
    }

    static final long DEFAULT_MAX_TOTAL_BYTES = 512L << 20;
    static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    static final int DEFAULT_MAX_ENTRIES = 200_000;

    public ImageZipOptions {
        if (width <= 0 || height <= 0 || maxTotalBytes <= 0 || maxPixels <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("width, height and limits must be positive");
        }
    }

    public static ImageZipOptions of(int width, int height, ColorMode color) {
        return new ImageZipOptions(width, height, color, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_MAX_ENTRIES);
    }

    public ImageZipOptions withMaxTotalBytes(long bytes) {
        return new ImageZipOptions(width, height, color, bytes, maxPixels, maxEntries);
    }

    /** Sample shape [C, H, W]. */
    long[] sampleShape() {
        return new long[] {color.channels(), height, width};
    }
}
