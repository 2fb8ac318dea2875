package dev.netwright.frontend.model;

import dev.netwright.engine.data.images.ImageZipLoader;
import dev.netwright.engine.data.images.ImageZipOptions;
import dev.netwright.engine.data.images.Pictures;

/**
 * A picture uploaded to try a model, turned into the model's input the way training images are (resize, grey or RGB,
 * values in [0, 1]). The picture's declared size is checked against the same pixel limit as dataset images before
 * it is decoded, so a tiny file declaring 40000 x 40000 pixels is refused instead of filling the heap.
 */
final class TryPicture {
    private TryPicture() {
    }

    /** The model input, or {@link Pictures.UnreadablePicture} saying why the picture cannot be used. */
    static float[] samplePixels(byte[] bytes, int channels, int height, int width) {
        ImageZipOptions options = ImageZipOptions.of(width, height,
                channels == 3 ? ImageZipOptions.ColorMode.RGB : ImageZipOptions.ColorMode.GREY);
        return ImageZipLoader.samplePixels(Pictures.read(bytes, options.maxPixels()), options);
    }
}
