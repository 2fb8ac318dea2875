package dev.netwright.engine.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Renders generated samples as PNG images for people to look at: a grid of images (grey or RGB, [C, H, W] rows)
 * and a scatter plot of 2-D points (generated against real).
 */
public final class SampleImages {
    private SampleImages() {
    }

    /**
     * A grid of {@code count} images, each {@code channels x height x width} floats in row-major order, scaled from
     * [{@code low}, {@code high}] to 0..255, {@code scale} screen pixels per image pixel, 2-pixel gaps.
     */
    public static byte[] imageGrid(float[] samples, int count, int channels, int height, int width, float low,
                                   float high, int columns, int scale) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images need 1 or 3 channels, got " + channels);
        }
        int rows = (count + columns - 1) / columns;
        int gap = 2;
        int cellW = width * scale + gap;
        int cellH = height * scale + gap;
        BufferedImage img = new BufferedImage(columns * cellW + gap, rows * cellH + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 40, 40));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        int plane = height * width;
        int size = channels * plane;
        for (int n = 0; n < count; n++) {
            int ox = gap + (n % columns) * cellW;
            int oy = gap + (n / columns) * cellH;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int r = level(samples[n * size + y * width + x], low, high);
                    int gr = channels == 3 ? level(samples[n * size + plane + y * width + x], low, high) : r;
                    int b = channels == 3 ? level(samples[n * size + 2 * plane + y * width + x], low, high) : r;
                    int rgb = (r << 16) | (gr << 8) | b;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(ox + x * scale + dx, oy + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return png(img);
    }

    /** A scatter plot of real (grey) and generated (orange) 2-D points, each given as x0, y0, x1, y1, ... */
    public static byte[] scatter(float[] real, float[] generated, int size) {
        float minX = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, minY = Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
        for (float[] pts : new float[][] {real, generated}) {
            for (int i = 0; i + 1 < pts.length; i += 2) {
                minX = Math.min(minX, pts[i]);
                maxX = Math.max(maxX, pts[i]);
                minY = Math.min(minY, pts[i + 1]);
                maxY = Math.max(maxY, pts[i + 1]);
            }
        }
        float spanX = Math.max(maxX - minX, 1e-6f) * 1.1f;
        float spanY = Math.max(maxY - minY, 1e-6f) * 1.1f;
        float cx = (minX + maxX) / 2;
        float cy = (minY + maxY) / 2;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        draw(g, real, new Color(120, 120, 120, 140), size, cx, cy, spanX, spanY);
        draw(g, generated, new Color(230, 120, 20, 200), size, cx, cy, spanX, spanY);
        g.dispose();
        return png(img);
    }

    private static void draw(Graphics2D g, float[] pts, Color color, int size, float cx, float cy, float spanX,
                             float spanY) {
        g.setColor(color);
        for (int i = 0; i + 1 < pts.length; i += 2) {
            int x = Math.round((pts[i] - cx) / spanX * size + size / 2f);
            int y = Math.round(size / 2f - (pts[i + 1] - cy) / spanY * size);
            g.fillOval(x - 2, y - 2, 4, 4);
        }
    }

    private static int level(float v, float low, float high) {
        float t = (v - low) / (high - low);
        return Math.max(0, Math.min(255, Math.round(t * 255)));
    }

    private static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
