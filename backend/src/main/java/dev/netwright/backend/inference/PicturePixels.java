package dev.netwright.backend.inference;

import dev.netwright.engine.data.images.ImageZipLoader;
import dev.netwright.engine.data.images.ImageZipOptions;
import dev.netwright.engine.data.images.Pictures;

import java.awt.image.BufferedImage;

/** A picture as an image model's input row: the same resize, colour conversion and scaling as training images. */
public final class PicturePixels {
    private PicturePixels() {
    }

    /** Why an uploaded picture cannot be used (unknown format, or more pixels than the limit). */
    public static final class UnreadablePicture extends RuntimeException {
        UnreadablePicture(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code channels} is 3 for colour models, anything else for grey. */
    public static float[] of(BufferedImage picture, int width, int height, int channels) {
        return ImageZipLoader.samplePixels(picture, options(width, height, channels));
    }

    /**
     * An uploaded file as the model's input. Its declared size is checked against the same pixel limit as dataset
     * images before it is decoded, so a tiny file declaring 40000 x 40000 pixels is refused instead of filling the heap.
     */
    public static float[] fromBytes(byte[] bytes, int width, int height, int channels) {
        ImageZipOptions options = options(width, height, channels);
        try {
            return ImageZipLoader.samplePixels(Pictures.read(bytes, options.maxPixels()), options);
        } catch (Pictures.UnreadablePicture e) {
            throw new UnreadablePicture(e.getMessage(), e);
        }
    }

    private static ImageZipOptions options(int width, int height, int channels) {
        return ImageZipOptions.of(width, height,
                channels == 3 ? ImageZipOptions.ColorMode.RGB : ImageZipOptions.ColorMode.GREY);
    }
}
