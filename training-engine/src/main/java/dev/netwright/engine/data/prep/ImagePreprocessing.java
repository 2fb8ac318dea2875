package dev.netwright.engine.data.prep;

import dev.netwright.engine.data.ArrayDataset;
import java.util.Arrays;

/**
 * What is done to image samples (values 0 to 1, [channels, height, width]) before they enter the network.
 * {@link #IMAGENET} prepares them the way networks pretrained on ImageNet expect, as torchvision's transforms do:
 * resized to the design's Input (bilinear, half-pixel centres, like {@code Resize(antialias=False)} on tensors or
 * {@code F.interpolate(mode="bilinear")}), grey images repeated into 3 channels, then each channel normalised with
 * ImageNet's mean and standard deviation. The normalisation is a {@link Normaliser} saved with the model, so
 * predictions on inputs of the design's shape (values 0 to 1) are normalised the same way.
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
        if (in.length != 3 || in[0] != 1 && in[0] != 3) {
            throw new IllegalArgumentException("image preprocessing 'imagenet' is for image datasets, but "
                    + images.name() + " has samples of shape " + Arrays.toString(in)
                    + " (expected [1 or 3 channels, height, width])");
        }
        if (designInput.length != 3 || designInput[0] != 3) {
            throw new IllegalArgumentException("image preprocessing 'imagenet' needs a design Input of [3, height,"
                    + " width] (networks pretrained on ImageNet read RGB), but the design's Input is "
                    + Arrays.toString(designInput));
        }
        int channels = (int) in[0];
        int h = (int) in[1];
        int w = (int) in[2];
        int outH = (int) designInput[1];
        int outW = (int) designInput[2];
        int inSize = channels * h * w;
        int outSize = 3 * outH * outW;
        float[] source = images.features();
        float[] out = new float[images.size() * outSize];
        float[] plane = new float[outH * outW];
        for (int i = 0; i < images.size(); i++) {
            for (int c = 0; c < 3; c++) {
                int from = i * inSize + (channels == 1 ? 0 : c) * h * w;
                bilinear(source, from, h, w, plane, outH, outW);
                System.arraycopy(plane, 0, out, i * outSize + c * outH * outW, plane.length);
            }
        }
        return new ArrayDataset(images.name(), designInput.clone(), out, images.targets(), images.targetWidth(),
                images.task(), images.classNames());
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
