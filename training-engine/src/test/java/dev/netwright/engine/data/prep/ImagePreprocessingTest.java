package dev.netwright.engine.data.prep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.engine.PythonTorch;
import dev.netwright.engine.data.ArrayDataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ImageNet preprocessing gives what torchvision's Resize and Normalize give on the same images. */
class ImagePreprocessingTest {
    @TempDir
    static Path dir;
    private static boolean torchvisionRan;

    @ParameterizedTest
    @CsvSource({"grey, 1, 28, 28", "rgb, 3, 20, 30"})
    void matchesTorchvisionsResizeAndNormalize(String name, int channels, int h, int w) throws Exception {
        PythonTorch.require();
        if (!torchvisionRan) { // one run for both cases: starting python3-torch takes seconds
            PythonTorch.run(PythonTorch.script(ImagePreprocessingTest.class, "imagenet_preprocess.py", dir), dir,
                    300, dir.toString());
            torchvisionRan = true;
        }
        float[] images = floats(dir.resolve(name + ".f32"));
        float[] expected = floats(dir.resolve(name + "_out.f32"));
        ArrayDataset data = new ArrayDataset(name, new long[] {channels, h, w}, images, new float[] {0, 1}, 1,
                ArrayDataset.Task.CLASSIFICATION, List.of("a", "b"));
        long[] design = {3, 48, 64};

        ArrayDataset resized = ImagePreprocessing.IMAGENET.resize(data, design);
        float[] actual = ImagePreprocessing.imageNetNormaliser(design).apply(resized).features();

        assertThat(resized.sampleShape()).containsExactly(design);
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        System.out.printf("ImageNet preprocessing of %s %dx%dx%d to 3x48x64: largest |Netwright - torchvision| ="
                + " %.3g%n", name, channels, h, w, worst);
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void refusesTablesAndDesignsThatAreNotRgbImages() {
        ArrayDataset table = new ArrayDataset("iris", new long[] {4}, new float[8], new float[2], 1,
                ArrayDataset.Task.CLASSIFICATION, List.of("a"));
        assertThatThrownBy(() -> ImagePreprocessing.IMAGENET.resize(table, new long[] {3, 32, 32}))
                .hasMessageContaining("iris has samples of shape [4]");
        ArrayDataset grey = new ArrayDataset("digits", new long[] {1, 8, 8}, new float[64], new float[1], 1,
                ArrayDataset.Task.CLASSIFICATION, List.of("a"));
        assertThatThrownBy(() -> ImagePreprocessing.IMAGENET.resize(grey, new long[] {1, 32, 32}))
                .hasMessageContaining("needs a design Input of [3, height, width]")
                .hasMessageContaining("[1, 32, 32]");
        assertThat(ImagePreprocessing.NONE.resize(table, new long[] {3, 32, 32})).isSameAs(table);
    }

    private static float[] floats(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
