package dev.netwright.backend.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PicturePixelsTest {

    @Test
    void aPictureDeclaringMorePixelsThanTheLimitIsRefusedBeforeDecoding() throws IOException {
        byte[] bomb = pngDeclaring(40_000, 40_000);
        assertThat(bomb.length).isLessThan(1_000);
        long heapBefore = usedHeap();
        assertThatThrownBy(() -> PicturePixels.fromBytes(bomb, 28, 28, 1))
                .isInstanceOf(PicturePixels.UnreadablePicture.class)
                .hasMessageContaining("40000x40000")
                .hasMessageContaining("more than the limit");
        // decoding would have needed 1.6 billion pixels; refusing it allocates next to nothing
        assertThat(usedHeap() - heapBefore).isLessThan(200L << 20);
    }

    @Test
    void anOrdinaryPictureBecomesTheModelsInput() throws IOException {
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xffffff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        assertThat(PicturePixels.fromBytes(out.toByteArray(), 28, 28, 1)).hasSize(28 * 28);
        assertThat(PicturePixels.fromBytes(out.toByteArray(), 28, 28, 3)).hasSize(3 * 28 * 28);
        assertThatThrownBy(() -> PicturePixels.fromBytes("<svg/>".getBytes(), 28, 28, 1))
                .isInstanceOf(PicturePixels.UnreadablePicture.class).hasMessageContaining("unknown format");
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** A valid PNG whose header declares width x height grey pixels, with only one row of real data. */
    static byte[] pngDeclaring(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit grey, deflate, no filter, no interlace
        chunk(data, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[width + 1]);
        deflater.finish();
        byte[] buf = new byte[1024];
        int n = deflater.deflate(buf);
        chunk(data, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(data, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        out.writeInt(body.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(t);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }
}
