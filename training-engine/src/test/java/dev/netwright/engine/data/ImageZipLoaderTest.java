package dev.netwright.engine.data;

import dev.netwright.engine.data.images.ImageZipLoader;
import dev.netwright.engine.data.images.ImageZipOptions;
import dev.netwright.engine.data.images.ImageZipOptions.ColorMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ImageZipLoaderTest {

    @TempDir
    Path dir;

    private static byte[] png(int w, int h, Color color) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private Path zip(String name, Object... entriesAndBytes) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(os)) {
            for (int i = 0; i < entriesAndBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) entriesAndBytes[i]));
                z.write((byte[]) entriesAndBytes[i + 1]);
                z.closeEntry();
            }
        }
        return p;
    }

    @Test
    void readsOneFolderPerClassResizedToTheRequestedShape() throws IOException {
        Path z = zip("pets.zip",
                "pets/dog/b.png", png(20, 10, Color.WHITE),
                "pets/cat/a.png", png(12, 12, Color.RED),
                "pets/cat/c.png", png(8, 16, Color.BLUE),
                "__MACOSX/pets/cat/._a.png", new byte[] {1, 2, 3},
                "pets/readme.txt", "hello".getBytes());
        ArrayDataset rgb = ImageZipLoader.load(z, ImageZipOptions.of(6, 4, ColorMode.RGB));
        assertThat(rgb.sampleShape()).containsExactly(3, 4, 6);
        assertThat(rgb.classNames()).containsExactly("cat", "dog");
        assertThat(rgb.size()).isEqualTo(3);
        assertThat(rgb.targets()).containsExactly(0, 0, 1);
        float[] red = rgb.sample(0);
        assertThat(red[0]).isEqualTo(1f);          // R plane
        assertThat(red[24]).isEqualTo(0f);         // G plane
        assertThat(rgb.sample(1)[48]).isEqualTo(1f); // blue image, B plane
        assertThat(rgb.sample(2)).containsOnly(1f); // white

        ArrayDataset grey = ImageZipLoader.load(z, ImageZipOptions.of(5, 5, ColorMode.GREY));
        assertThat(grey.sampleShape()).containsExactly(1, 5, 5);
        assertThat(grey.sample(2)).containsOnly(1f);
        assertThat(grey.sample(0)[12]).isCloseTo(0.3f, offset(0.15f)); // red is a dark grey
    }

    @Test
    void readsJpegToo() throws IOException {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 10, 10);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "jpg", jpeg)).isTrue();
        Path z = zip("mixed.zip", "a/1.JPG", jpeg.toByteArray(), "b/2.png", png(3, 3, Color.BLACK));
        ArrayDataset d = ImageZipLoader.load(z, ImageZipOptions.of(4, 4, ColorMode.RGB));
        assertThat(d.sample(0)[16]).isCloseTo(1f, offset(0.05f)); // green plane of the JPEG
        assertThat(d.sample(1)).containsOnly(0f);
    }

    @Test
    void rejectsZipSlipEntries() throws IOException {
        Path z = zip("evil.zip", "cat/a.png", png(4, 4, Color.RED), "../../etc/dog/x.png", png(4, 4, Color.RED));
        assertThatThrownBy(() -> ImageZipLoader.load(z, ImageZipOptions.of(4, 4, ColorMode.GREY)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("evil.zip")
                .hasMessageContaining("../../etc/dog/x.png")
                .hasMessageContaining("unsafe");
        Path abs = zip("abs.zip", "/tmp/cat/a.png", png(4, 4, Color.RED));
        assertThatThrownBy(() -> ImageZipLoader.load(abs, ImageZipOptions.of(4, 4, ColorMode.GREY)))
                .hasMessageContaining("absolute path");
    }

    @Test
    void stopsAtTheUncompressedSizeLimit() throws IOException {
        // 2 MB of zeros compress to a few KB: the classic bomb shape, scaled down.
        Path z = zip("bomb.zip", "cat/a.png", png(4, 4, Color.RED), "dog/huge.png", new byte[2_000_000]);
        assertThatThrownBy(() -> ImageZipLoader.load(z, ImageZipOptions.of(4, 4, ColorMode.GREY).withMaxTotalBytes(100_000)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("dog/huge.png")
                .hasMessageContaining("zip bombs");
    }

    @Test
    void corruptImageNamesTheEntry() throws IOException {
        byte[] broken = png(4, 4, Color.RED);
        broken = java.util.Arrays.copyOf(broken, 30);
        Path z = zip("broken.zip", "cat/a.png", png(4, 4, Color.RED), "dog/b.png", broken);
        assertThatThrownBy(() -> ImageZipLoader.load(z, ImageZipOptions.of(4, 4, ColorMode.GREY)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("broken.zip")
                .hasMessageContaining("entry 'dog/b.png'");
        Path flat = zip("flat.zip", "a.png", png(4, 4, Color.RED));
        assertThatThrownBy(() -> ImageZipLoader.load(flat, ImageZipOptions.of(4, 4, ColorMode.GREY)))
                .hasMessageContaining("entry 'a.png'").hasMessageContaining("class folder");
        Path notZip = dir.resolve("x.zip");
        Files.writeString(notZip, "plain text");
        assertThatThrownBy(() -> ImageZipLoader.load(notZip, ImageZipOptions.of(4, 4, ColorMode.GREY)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("x.zip");
    }
}
