package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.data.prep.ImagePreprocessing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shape rule between a dataset's samples and a design's input (moved here from the data package's tests). */
class ShapeAdaptationTest {

    @Test
    void shapeRuleAcceptsEqualOrSameCountAndNamesBothShapesOtherwise() {
        assertThat(ShapeAdaptation.check(new long[] {1, 28, 28}, new long[] {1, 28, 28}).kind())
                .isEqualTo(ShapeAdaptation.Kind.EXACT);
        ShapeAdaptation r = ShapeAdaptation.check(new long[] {1, 28, 28}, new long[] {784});
        assertThat(r.kind()).isEqualTo(ShapeAdaptation.Kind.RESHAPE);
        assertThat(r.needsReshape()).isTrue();
        ArrayDataset image = new ArrayDataset("img", new long[] {1, 28, 28}, new float[784 * 2], new float[] {0, 1}, 1,
                ArrayDataset.Task.CLASSIFICATION, List.of("a", "b"));
        ArrayDataset flat = r.apply(image);
        assertThat(flat.sampleShape()).containsExactly(784);
        assertThat(flat.size()).isEqualTo(2);
        assertThat(flat.features()).isSameAs(image.features());
        assertThatThrownBy(() -> ShapeAdaptation.check(new long[] {1, 28, 28}, new long[] {3, 32, 32}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 28, 28]")
                .hasMessageContaining("[3, 32, 32]");
    }

    @Test
    void fashionMnistSampleReshapesIntoAnMlpInput() {
        var info = BuiltinCatalog.standard().info("fashion-mnist");
        assertThat(ShapeAdaptation.check(info.sampleShape(), new long[] {784}).needsReshape()).isTrue();
        var tokens = BuiltinCatalog.standard().load("token-sequences", LoadOptions.seed(1).withLimit(10)).train();
        assertThat(ShapeAdaptation.check(tokens.sampleShape(), new long[] {32}).needsReshape()).isFalse();
    }

    @Test
    void imagenetPreprocessingResizesImagesByTheSameRuleInTrainingAndPrediction() {
        ShapeAdaptation fit = ShapeAdaptation.check(new long[] {1, 28, 28}, new long[] {3, 32, 32},
                ImagePreprocessing.IMAGENET);
        assertThat(fit.kind()).isEqualTo(ShapeAdaptation.Kind.RESIZE);
        float[] twoImages = new float[2 * 28 * 28];
        java.util.Arrays.fill(twoImages, 0.5f);
        float[] resized = fit.apply(twoImages, 2);
        assertThat(resized).hasSize(2 * 3 * 32 * 32).containsOnly(0.5f);
        ArrayDataset images = new ArrayDataset("img", new long[] {1, 28, 28}, twoImages, new float[] {0, 1}, 1,
                ArrayDataset.Task.CLASSIFICATION, List.of("a", "b"));
        assertThat(fit.apply(images).features()).isEqualTo(resized);
        assertThat(fit.apply(images).sampleShape()).containsExactly(3, 32, 32);
        // at the Input's own shape nothing is resized; without preprocessing another size is refused
        assertThat(ShapeAdaptation.check(new long[] {3, 32, 32}, new long[] {3, 32, 32}, ImagePreprocessing.IMAGENET)
                .kind()).isEqualTo(ShapeAdaptation.Kind.EXACT);
        assertThatThrownBy(() -> ShapeAdaptation.check(new long[] {1, 28, 28}, new long[] {3, 32, 32},
                ImagePreprocessing.NONE)).hasMessageContaining("no reshape can make them fit");
        assertThatThrownBy(() -> ShapeAdaptation.check(new long[] {784}, new long[] {3, 32, 32},
                ImagePreprocessing.IMAGENET)).hasMessageContaining("is for images").hasMessageContaining("[784]");
    }
}
