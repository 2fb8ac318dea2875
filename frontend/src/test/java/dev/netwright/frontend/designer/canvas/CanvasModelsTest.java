package dev.netwright.frontend.designer.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.block.BlockExpander;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Templates;
import dev.netwright.frontend.designer.canvas.CanvasModel.CanvasNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanvasModelsTest {
    private final CanvasModels models = new CanvasModels(LayerCatalog.standard());

    @Test
    void paletteOffersEveryLayerKindInSixCategoriesThenTheBuiltInBlocks() {
        List<PaletteEntry> palette = models.palette();
        int kinds = LayerCatalog.standard().kinds().size();
        assertThat(palette).hasSize(kinds + BuiltInBlocks.all().size());
        assertThat(palette.subList(0, kinds)).extracting(PaletteEntry::category).containsOnly("core", "convolution",
                "recurrent", "attention", "normalisation", "merge");
        assertThat(palette.subList(kinds, palette.size())).extracting(PaletteEntry::type)
                .contains("Block:residual-basic", "Block:transformer-encoder", "Block:dcgan-up")
                .allMatch(t -> t.startsWith("Block:"));
    }

    @Test
    void nodesCarryShapeCountsSummaryAndOneFreeMergePort() {
        Design d = Templates.find("residual-cnn").orElseThrow().design();
        CanvasModel m = models.build(1, d, new DesignAnalyzer().analyze(d), List.of(), 0, 0);
        CanvasNode stage = node(m, "stage1");
        assertThat(stage.type()).isEqualTo("residual-identity v1");
        assertThat(stage.category()).isEqualTo("block");
        assertThat(stage.outputShape()).isEqualTo("[16, 14, 14]");
        assertThat(stage.paramsText()).isEqualTo("4,736 params");
        assertThat(stage.inputPorts()).isEqualTo(1);
        Design flat = new BlockExpander().expand(d).flat();
        CanvasNode add = node(models.build(1, flat, new DesignAnalyzer().analyze(flat), List.of(), 0, 0), "stage1/add");
        assertThat(add.inputPorts()).isEqualTo(3);
        CanvasNode stem = node(m, "stem");
        assertThat(stem.outputShape()).isEqualTo("[16, 28, 28]");
        assertThat(stem.paramsText()).isEqualTo("160 params");
        assertThat(stem.summary()).startsWith("filters 16");
        assertThat(node(m, "input").inputPorts()).isZero();
        assertThat(m.edges()).anyMatch(e -> e.source().equals("pool") && e.target().equals("stage1"));
    }

    @Test
    void ganDesignsHaveTwoGroups() {
        Design d = Templates.find("dcgan-28").orElseThrow().design();
        CanvasModel m = models.build(1, d, new DesignAnalyzer().analyze(d), List.of(), 0, 0);
        assertThat(m.groups()).extracting(CanvasModel.CanvasGroup::label).containsExactly("Generator", "Discriminator");
    }

    private static CanvasNode node(CanvasModel m, String id) {
        return m.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }
}
