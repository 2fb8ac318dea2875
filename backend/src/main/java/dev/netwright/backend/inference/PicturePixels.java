package dev.netwright.backend.inference;

import dev.netwright.engine.data.images.ImageZipLoader;
import dev.netwright.engine.data.images.ImageZipOptions;

import java.awt.image.BufferedImage;

/** A picture as an image model's input row: the same resize, colour conversion and scaling as training images. */
public final class PicturePixels {
    private PicturePixels() {
    }

    /** {@code channels} is 3 for colour models, anything else for grey. */
    public static float[] of(BufferedImage picture, int width, int height, int channels) {
        return ImageZipLoader.samplePixels(picture, ImageZipOptions.of(width, height,
                channels == 3 ? ImageZipOptions.ColorMode.RGB : ImageZipOptions.ColorMode.GREY));
    }
}
