package dev.netwright.engine.data.images;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a ZIP with one folder per class ({@code cat/1.png}, {@code dog/7.jpg}, optionally under one top
 * folder) into a classification dataset of shape [C, H, W], pixel values in [0, 1]. Classes are the folder
 * names in alphabetical order; samples are ordered by class, then entry name, whatever the archive order.
 */
public final class ImageZipLoader {

    private ImageZipLoader() {
    }

    public static ArrayDataset load(Path zip, ImageZipOptions options) {
        try (InputStream in = Files.newInputStream(zip)) {
            return load(in, zip.toString(), options);
        } catch (IOException e) {
            throw new DatasetException(zip.toString(), null, "cannot read: " + e.getMessage(), e);
        }
    }

    private record Decoded(String folder, String entry, float[] pixels) {
    }

    static ArrayDataset load(InputStream stream, String source, ImageZipOptions options) {
        List<Decoded> images = new ArrayList<>();
        long budget = options.maxTotalBytes();
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(stream)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (++entries > options.maxEntries()) {
                    throw new DatasetException(source, "entry '" + name + "'", "more than " + options.maxEntries()
                            + " entries in the archive");
                }
                String unsafe = EntryNames.unsafeReason(name);
                if (unsafe != null) {
                    throw new DatasetException(source, "entry '" + name + "'", "unsafe entry name (" + unsafe + ")");
                }
                if (e.isDirectory() || EntryNames.isLitter(name) || !EntryNames.isImage(name)) {
                    continue;
                }
                String folder = EntryNames.classFolder(name);
                if (folder == null) {
                    throw new DatasetException(source, "entry '" + name + "'",
                            "image is not inside a class folder; put each class's images in a folder named after it");
                }
                byte[] bytes = readBounded(zip, budget, source, name, options.maxTotalBytes());
                budget -= bytes.length;
                images.add(new Decoded(folder, name, decode(bytes, source, name, options)));
            }
        } catch (ZipException e) {
            throw new DatasetException(source, null, "not a valid ZIP archive: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // ZipInputStream's way of saying an entry name is not valid UTF-8.
            throw new DatasetException(source, null, "an entry name cannot be decoded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(source, null, "cannot read: " + e.getMessage(), e);
        }
        if (images.isEmpty()) {
            throw new DatasetException(source, null, "holds no PNG/JPEG/GIF/BMP images in class folders");
        }
        List<String> classes = new ArrayList<>(new TreeSet<>(images.stream().map(Decoded::folder).toList()));
        if (classes.size() < 2) {
            throw new DatasetException(source, null, "has only the class folder " + classes
                    + "; a classifier needs at least two");
        }
        images.sort(Comparator.comparing(Decoded::folder).thenComparing(Decoded::entry));
        int size = options.color().channels() * options.height() * options.width();
        float[] features = new float[images.size() * size];
        float[] targets = new float[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i).pixels(), 0, features, i * size, size);
            targets[i] = classes.indexOf(images.get(i).folder());
        }
        return new ArrayDataset(Path.of(source).getFileName().toString(), options.sampleShape(), features, targets, 1,
                ArrayDataset.Task.CLASSIFICATION, classes);
    }

    /** Reads the current entry, failing as soon as the archive's total passes the limit. */
    private static byte[] readBounded(InputStream in, long budget, String source, String entry, long limit)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n = in.read(buf); n > 0; n = in.read(buf)) {
            total += n;
            if (total > budget) {
                throw new DatasetException(source, "entry '" + entry + "'", "the archive unpacks to more than "
                        + limit + " bytes (limit against zip bombs)");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static float[] decode(byte[] bytes, String source, String entry, ImageZipOptions options) {
        try {
            return pixels(resize(Pictures.read(bytes, options.maxPixels()), options), options);
        } catch (Pictures.UnreadablePicture e) {
            throw new DatasetException(source, "entry '" + entry + "'", e.getMessage(), e);
        }
    }

    /** The picture formats this loader reads, by file extension (lower case, no dot). */
    public static final List<String> IMAGE_TYPES = EntryNames.IMAGE_TYPES;

    /** Whether an archive entry or file of this name is a picture the loader reads (by its extension). */
    public static boolean readsImage(String name) {
        return EntryNames.isImage(name);
    }

    /**
     * One picture prepared exactly as the images of an archive are (resized, greyscale or RGB, values in [0, 1],
     * channels first): what prediction on an uploaded picture must feed a model trained on such archives.
     */
    public static float[] samplePixels(BufferedImage picture, ImageZipOptions options) {
        return pixels(resize(picture, options), options);
    }

    private static BufferedImage resize(BufferedImage src, ImageZipOptions o) {
        int type = o.color() == ImageZipOptions.ColorMode.GREY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage dst = new BufferedImage(o.width(), o.height(), type);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Transparent pixels land on black, the background most image datasets use.
            g.drawImage(src, 0, 0, o.width(), o.height(), Color.BLACK, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    private static float[] pixels(BufferedImage img, ImageZipOptions o) {
        int h = o.height();
        int w = o.width();
        float[] out = new float[o.color().channels() * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (o.color() == ImageZipOptions.ColorMode.GREY) {
                    out[y * w + x] = img.getRaster().getSample(x, y, 0) / 255f;
                } else {
                    int rgb = img.getRGB(x, y);
                    out[y * w + x] = ((rgb >> 16) & 0xff) / 255f;
                    out[(h + y) * w + x] = ((rgb >> 8) & 0xff) / 255f;
                    out[(2 * h + y) * w + x] = (rgb & 0xff) / 255f;
                }
            }
        }
        return out;
    }
}
