package dev.netwright.engine.data.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one picture with a pixel limit checked against the size its header declares, before any pixel is decoded:
 * a few hundred bytes of PNG can declare 40000 x 40000 pixels, which would take gigabytes once decoded. Archive
 * images and pictures uploaded to try a model go through here alike.
 */
public final class Pictures {

    /** Why a picture cannot be used; the message is meant for the person who supplied it. */
    public static final class UnreadablePicture extends RuntimeException {
        UnreadablePicture(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Pictures() {
    }

    /** The decoded picture, or {@link UnreadablePicture} (unknown format, corrupt, more pixels than allowed). */
    public static BufferedImage read(byte[] bytes, long maxPixels) {
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new UnreadablePicture("not a readable image (unknown format; PNG, JPEG, GIF and BMP are read)",
                        null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new UnreadablePicture("image declares " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " = " + pixels + " pixels, more than the limit " + maxPixels, null);
                }
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                if (e instanceof UnreadablePicture u) {
                    throw u;
                }
                throw new UnreadablePicture("corrupt image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UnreadablePicture("cannot read the image: " + e.getMessage(), e);
        }
    }
}
