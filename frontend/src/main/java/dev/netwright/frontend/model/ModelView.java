package dev.netwright.frontend.model;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * A picture as the model sees it: the prepared pixels (resized, grey or RGB, values in [0, 1], channels first) turned
 * back into a small PNG, so the user sees what the model was given rather than the picture they chose.
 */
record ModelView(int channels, int height, int width) {

    /** A {@code data:image/png} address of the pixels; shown scaled up with {@code image-rendering: pixelated}. */
    String dataUrl(float[] pixels) {
        BufferedImage img = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (channels == 1) {
                    img.getRaster().setSample(x, y, 0, level(pixels[i]));
                } else {
                    img.setRGB(x, y, level(pixels[i]) << 16 | level(pixels[plane + i]) << 8
                            | level(pixels[2 * plane + i]));
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    private static int level(float v) {
        return Math.clamp(Math.round(v * 255f), 0, 255);
    }
}
