package dev.netwright.engine.data.prep;

import dev.netwright.engine.data.ArrayDataset;
import java.util.Arrays;

/**
 * What is done to image samples (values 0 to 1, [channels, height, width]) before they enter the network.
 * {@link #IMAGENET} prepares them the way networks pretrained on ImageNet expect, as torchvision's transforms do:
 * resized to the design's Input (bilinear, half-pixel centres, like {@code Resize(antialias=False)} on tensors or
 * {@code F.interpolate(mode="bilinear")}), grey images repeated into 3 channels, then each channel normalised with
 * ImageNet's mean and standard deviation. Both are saved with the model ({@code model.json}): the preprocessing as
 * {@code imagePreprocessing} and the mean and standard deviation as its {@link Normaliser}, so predictions and
 * evaluations take images at their original size (values 0 to 1) and prepare them exactly as training did.
 */
public enum ImagePreprocessing {
    /** Samples as the dataset gives them (only reshaped when the value counts match). */
    NONE,
    /** Resize to the design's Input, grey to RGB, ImageNet mean/std per channel. */
    IMAGENET;

    /** torchvision's ImageNet channel statistics (R, G, B). */
    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    /**
     * The images resized (and grey repeated into RGB) to {@code designInput} [3, height, width]; unchanged for
     * {@link #NONE}.
     *
     * @throws IllegalArgumentException when the samples are not images or the design's Input is not an RGB image
     */
    public ArrayDataset resize(ArrayDataset images, long[] designInput) {
        if (this == NONE) {
            return images;
        }
        long[] in = images.sampleShape();
        if (!isImage(in)) {
            throw new IllegalArgumentException("image preprocessing 'imagenet' is for image datasets, but "
                    + images.name() + " has samples of shape " + Arrays.toString(in)
                    + " (expected [1 or 3 channels, height, width])");
        }
        float[] out = resize(images.features(), images.size(), in, designInput);
        return new ArrayDataset(images.name(), designInput.clone(), out, images.targets(), images.targetWidth(),
                images.task(), images.classNames());
    }

    /**
     * {@code count} images of shape {@code imageShape} (row-major, values 0 to 1) resized (and grey repeated into
     * RGB) to {@code designInput}: what training did to its images, for inputs given at their original size.
     *
     * @throws IllegalArgumentException for {@link #NONE}, samples that are not images, or a design Input that is not
     *                                  an RGB image
     */
    public float[] resize(float[] images, int count, long[] imageShape, long[] designInput) {
        if (this == NONE) {
            throw new IllegalArgumentException("a model trained without image preprocessing takes inputs of its"
                    + " Input's shape " + Arrays.toString(designInput) + ", not " + Arrays.toString(imageShape));
        }
        if (!isImage(imageShape)) {
            throw new IllegalArgumentException("images of shape " + Arrays.toString(imageShape)
                    + " (expected [1 or 3 channels, height, width])");
        }
        if (designInput.length != 3 || designInput[0] != 3) {
            throw new IllegalArgumentException("image preprocessing 'imagenet' needs a design Input of [3, height,"
                    + " width] (networks pretrained on ImageNet read RGB), but the design's Input is "
                    + Arrays.toString(designInput));
        }
        int channels = (int) imageShape[0];
        int h = (int) imageShape[1];
        int w = (int) imageShape[2];
        int outH = (int) designInput[1];
        int outW = (int) designInput[2];
        int inSize = channels * h * w;
        int outSize = 3 * outH * outW;
        if ((long) count * inSize > images.length) {
            throw new IllegalArgumentException(images.length + " values are fewer than " + count + " images of shape "
                    + Arrays.toString(imageShape));
        }
        float[] out = new float[count * outSize];
        float[] plane = new float[outH * outW];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                int from = i * inSize + (channels == 1 ? 0 : c) * h * w;
                bilinear(images, from, h, w, plane, outH, outW);
                System.arraycopy(plane, 0, out, i * outSize + c * outH * outW, plane.length);
            }
        }
        return out;
    }

    /** [1 or 3 channels, height, width]. */
    public static boolean isImage(long[] shape) {
        return shape.length == 3 && (shape[0] == 1 || shape[0] == 3) && shape[1] > 0 && shape[2] > 0;
    }

    /** The per-channel ImageNet normalisation of samples [3, height, width], as a normaliser saved with a model. */
    public static Normaliser imageNetNormaliser(long[] designInput) {
        int pixels = (int) (designInput[1] * designInput[2]);
        float[] offset = new float[3 * pixels];
        float[] scale = new float[3 * pixels];
        for (int c = 0; c < 3; c++) {
            Arrays.fill(offset, c * pixels, (c + 1) * pixels, MEAN[c]);
            Arrays.fill(scale, c * pixels, (c + 1) * pixels, STD[c]);
        }
        return new Normaliser(Normaliser.Kind.IMAGENET, offset, scale);
    }

    /**
     * Bilinear resampling with half-pixel centres (source coordinate (x + 0.5) * in / out - 0.5, clamped at 0):
     * PyTorch's {@code align_corners=False}.
     */
    static void bilinear(float[] in, int offset, int h, int w, float[] out, int outH, int outW) {
        float scaleY = (float) h / outH;
        float scaleX = (float) w / outW;
        for (int y = 0; y < outH; y++) {
            float sy = Math.max((y + 0.5f) * scaleY - 0.5f, 0f);
            int y0 = Math.min((int) sy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            float dy = sy - y0;
            for (int x = 0; x < outW; x++) {
                float sx = Math.max((x + 0.5f) * scaleX - 0.5f, 0f);
                int x0 = Math.min((int) sx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                float dx = sx - x0;
                float top = in[offset + y0 * w + x0] * (1 - dx) + in[offset + y0 * w + x1] * dx;
                float bottom = in[offset + y1 * w + x0] * (1 - dx) + in[offset + y1 * w + x1] * dx;
                out[y * outW + x] = top * (1 - dy) + bottom * dy;
            }
        }
    }
}
