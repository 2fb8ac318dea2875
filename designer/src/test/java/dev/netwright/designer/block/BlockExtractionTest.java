package dev.netwright.designer.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Shape;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockExtractionTest {
    private final DesignAnalyzer analyzer = new DesignAnalyzer();

    private static Design residual() {
        return DesignBuilder.named("Residual").node("input", "Input", "shape", List.of(1, 28, 28))
                .then("stem", "Conv2D", "filters", 8, "kernelSize", 3, "padding", "same", "activation", "relu")
                .then("conv1", "Conv2D", "filters", 8, "kernelSize", 3, "padding", "same")
                .then("bn1", "BatchNorm").then("add", "Add").edge("stem", "add", 1)
                .then("relu", "Activation", "function", "relu")
                .then("flat", "Flatten").then("out", "Dense", "units", 10).build();
    }

    @Test
    void selectedLayersBecomeABlockWithTheSameCountsAndShapes() throws Exception {
        Design before = residual();
        BlockExtraction.Result r = BlockExtraction.extract(before, List.of("conv1", "bn1", "add", "relu"),
                "my-residual", "made from a selection");
        assertThat(r.block().inputs()).containsExactly("in_stem");
        assertThat(r.block().output()).isEqualTo("relu");
        assertThat(r.design().nodes()).extracting(n -> n.id())
                .containsExactly("input", "stem", "my-residual", "flat", "out");
        Analysis a = analyzer.analyze(r.design());
        Analysis b = analyzer.analyze(before);
        assertThat(a.problems()).isEmpty();
        assertThat(a.totals()).isEqualTo(b.totals());
        assertThat(a.node(r.instanceId()).orElseThrow().outputShape()).isEqualTo(Shape.of(8, 28, 28));
        DesignJson json = new DesignJson();
        assertThat(json.read(json.write(r.design()))).isEqualTo(r.design());
    }

    @Test
    void selectionsThatCannotBeABlockSayWhy() {
        assertThatThrownBy(() -> BlockExtraction.extract(residual(), List.of("input", "stem"), "b", ""))
                .hasMessageContaining("'input' is an Input");
        assertThatThrownBy(() -> BlockExtraction.extract(residual(), List.of("stem", "conv1"), "b", ""))
                .hasMessageContaining("one output");
        assertThatThrownBy(() -> BlockExtraction.extract(residual(), List.of("conv1"), "vgg-stage", ""))
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> BlockExtraction.extract(residual(), List.of(), "b", ""))
                .hasMessageContaining("select");
    }
}
