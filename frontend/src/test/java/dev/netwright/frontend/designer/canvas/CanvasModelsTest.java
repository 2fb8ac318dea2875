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

    @Test
    void anExpandedInstanceIsAFrameHoldingItsInnerLayersWithTheExpansionsReportsAndTheDesignIsUnchanged() {
        Design d = Templates.find("residual-cnn").orElseThrow().design();
        var analysis = new DesignAnalyzer().analyze(d);
        CanvasModel collapsed = models.build(1, d, analysis, List.of(), 0, 0);
        CanvasModel open = models.build(1, d, analysis, List.of(), 0, 0, java.util.Set.of("stage1"));
        assertThat(node(collapsed, "stage1").block()).isEqualTo(new CanvasModel.BlockView(null, true, false, 0, 0));
        assertThat(collapsed.nodes()).noneMatch(n -> n.id().contains("/"));
        CanvasNode frame = node(open, "stage1");
        assertThat(frame.block().expanded()).isTrue();
        assertThat(frame.block().width()).isGreaterThan(200);
        assertThat(frame.block().height()).isGreaterThan(4 * 96);
        // the frame is the instance itself: same position, counts and outer connections
        assertThat(frame.x()).isEqualTo(node(collapsed, "stage1").x());
        assertThat(frame.paramsText()).isEqualTo("4,736 params");
        var flat = new DesignAnalyzer().analyze(new BlockExpander().expand(d).flat());
        CanvasNode conv1 = node(open, "stage1/conv1");
        assertThat(conv1.block().parent()).isEqualTo("stage1");
        assertThat(conv1.outputShape()).isEqualTo(flat.node("stage1/conv1").orElseThrow().outputShape().toString());
        assertThat(conv1.params()).isEqualTo(flat.node("stage1/conv1").orElseThrow().cost().totalParams());
        assertThat(conv1.summary()).contains("filters 16");
        assertThat(open.nodes().stream().filter(n -> n.block() != null && "stage1".equals(n.block().parent()))
                .mapToLong(CanvasNode::params).sum()).isEqualTo(4736);
        assertThat(open.edges()).filteredOn(CanvasModel.CanvasEdge::inner).extracting(CanvasModel.CanvasEdge::source)
                .contains("stage1", "stage1/conv1");
        assertThat(open.edges()).filteredOn(e -> !e.inner()).isEqualTo(collapsed.edges());
    }

    @Test
    void nestedBlocksExpandLevelByLevel() {
        var pair = dev.netwright.designer.block.BlockBuilder.named("pair", 1).input("x")
                .then("a", "Block", "block", "residual-identity", "version", 1, "filters", 16)
                .then("b", "Block", "block", "residual-identity", "version", 1, "filters", 16).build();
        Design d = dev.netwright.designer.template.DesignBuilder.named("nested")
                .node("in", "Input", "shape", List.of(16, 8, 8))
                .then("p", "Block", "block", "pair", "version", 1).build().withBlocks(List.of(pair));
        var analysis = new DesignAnalyzer().analyze(d);
        CanvasModel one = models.build(1, d, analysis, List.of(), 0, 0, java.util.Set.of("p"));
        CanvasNode a = node(one, "p/a");
        assertThat(a.block()).isEqualTo(new CanvasModel.BlockView("p", true, false, 0, 0));
        assertThat(a.type()).isEqualTo("residual-identity v1");
        assertThat(a.outputShape()).isEqualTo("[16, 8, 8]");
        assertThat(a.params() * 2).isEqualTo(node(one, "p").params());
        assertThat(one.nodes()).noneMatch(n -> n.id().startsWith("p/a/"));
        CanvasModel two = models.build(1, d, analysis, List.of(), 0, 0, java.util.Set.of("p", "p/a"));
        assertThat(node(two, "p/a").block().expanded()).isTrue();
        assertThat(node(two, "p/a/conv1").block().parent()).isEqualTo("p/a");
        assertThat(node(two, "p").block().height()).isGreaterThan(node(one, "p").block().height());
        // an inner instance open without its parent is not drawn
        assertThat(models.build(1, d, analysis, List.of(), 0, 0, java.util.Set.of("p/a")).nodes())
                .noneMatch(n -> n.id().contains("/"));
    }

    private static CanvasNode node(CanvasModel m, String id) {
        return m.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }
}
