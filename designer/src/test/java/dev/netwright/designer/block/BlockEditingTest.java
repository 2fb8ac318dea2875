package dev.netwright.designer.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockEditingTest {
    private final DesignAnalyzer analyzer = new DesignAnalyzer();

    @Test
    void everyBuiltInBlockOpensWithTheCountsOfItsExpansionAndSavesBackUnchanged() {
        for (BuiltInBlockExamples.Example ex : BuiltInBlockExamples.ALL) {
            BlockDefinition block = BuiltInBlocks.library().find(new BlockRef(ex.block(), 1)).orElseThrow();
            BlockEditing.Editing editing = BlockEditing.open(block, ex.values(),
                    List.of(Shape.of(ex.inputShape().stream().mapToInt(Integer::intValue).toArray())));
            Analysis opened = analyzer.analyze(editing.design());
            Analysis instance = analyzer.analyze(ex.design());
            assertThat(opened.problems()).as(ex.block()).isEmpty();
            assertThat(opened.totals()).as(ex.block()).isEqualTo(instance.totals());
            assertThat(opened.node(block.output()).orElseThrow().outputShape())
                    .isEqualTo(instance.node("block").orElseThrow().outputShape());
            assertThat(BlockEditing.save(editing, editing.design(), block.description(), 2))
                    .as(ex.block()).isEqualTo(block.withVersion(2));
        }
    }

    @Test
    void anEditedLayerKeepsItsReferencesAndAChangedBoundValueBecomesFixed() {
        BlockDefinition block = BuiltInBlocks.library().find(new BlockRef("residual-basic", 1)).orElseThrow();
        BlockEditing.Editing editing = BlockEditing.open(block, Map.of("filters", 32), List.of(Shape.of(16, 8, 8)));
        Design d = editing.design();
        assertThat(d.node("in").orElseThrow().params()).containsEntry("shape", List.of(16, 8, 8));
        assertThat(d.node("conv1").orElseThrow().params()).containsEntry("filters", 32).containsEntry("stride", 2);
        Design edited = d.withNodes(d.nodes().stream().map(n -> switch (n.id()) {
            case "conv2" -> n.withParam("kernelSize", 5);
            case "proj" -> n.withParam("filters", 48);
            default -> n;
        }).toList());
        BlockDefinition saved = BlockEditing.save(editing, edited, "wider shortcut", 2);
        assertThat(saved.version()).isEqualTo(2);
        assertThat(saved.description()).isEqualTo("wider shortcut");
        assertThat(saved.inputs()).containsExactly("in");
        assertThat(saved.output()).isEqualTo("relu2");
        assertThat(saved.params()).isEqualTo(block.params());
        assertThat(saved.nodes().stream().filter(n -> n.id().equals("conv2")).findFirst().orElseThrow().params())
                .containsEntry("kernelSize", 5).containsEntry("filters", "$filters");
        assertThat(saved.nodes().stream().filter(n -> n.id().equals("proj")).findFirst().orElseThrow().params())
                .containsEntry("filters", 48).containsEntry("stride", "$stride");
    }

    @Test
    void aRemovedOutputIsReplacedByTheOnlyLayerLeftUnreadAndInputsAreRequired() {
        BlockDefinition block = BuiltInBlocks.library().find(new BlockRef("residual-identity", 1)).orElseThrow();
        BlockEditing.Editing editing = BlockEditing.open(block, Map.of(), List.of());
        Design d = editing.design();
        Design withoutRelu = d.withNodes(d.nodes().stream().filter(n -> !n.id().equals("relu2")).toList())
                .withEdges(d.edges().stream().filter(e -> !e.to().equals("relu2")).toList());
        assertThat(BlockEditing.save(editing, withoutRelu, "", 2).output()).isEqualTo("add");
        Design noInput = d.withNodes(d.nodes().stream().filter(n -> !n.id().equals("in")).toList());
        assertThatThrownBy(() -> BlockEditing.save(editing, noInput, "", 2)).hasMessageContaining("Input layer");
    }
}
