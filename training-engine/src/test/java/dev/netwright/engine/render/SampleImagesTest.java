package dev.netwright.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SampleImagesTest {
    @Test
    void gridPlacesEachImageWithItsGreyLevels() throws Exception {
        float[] samples = new float[2 * 4];
        samples[0] = 1f;      // first image, top-left pixel white
        samples[4 + 3] = -1f; // second image, bottom-right pixel black
        byte[] png = SampleImages.imageGrid(samples, 2, 1, 2, 2, -1f, 1f, 2, 3);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(2 * (2 * 3 + 2) + 2);
        assertThat(img.getRGB(2, 2) & 0xffffff).isEqualTo(0xffffff);
        assertThat(img.getRGB(2 + 8 + 3 + 1, 2 + 3 + 1) & 0xff).isEqualTo(0);
        assertThat(img.getRGB(2 + 3, 2) & 0xff).isBetween(126, 129); // value 0 is mid grey
    }

    @Test
    void scatterDrawsBothSets() throws Exception {
        byte[] png = SampleImages.scatter(new float[] {0, 0, 1, 1}, new float[] {0.5f, 0.5f}, 100);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(100);
        assertThat(img.getRGB(50, 50) & 0xffffff).isNotEqualTo(0xffffff);
    }
}
