package dev.netwright.designer.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockUngroupingTest {
    private final DesignAnalyzer analyzer = new DesignAnalyzer();

    @Test
    void everyBuiltInBlockUngroupsIntoTheSameNetwork() {
        for (BuiltInBlockExamples.Example ex : BuiltInBlockExamples.ALL) {
            Design withBlock = DesignBuilder.named(ex.block()).node("in", "Input", "shape", ex.inputShape())
                    .then("block", BlockInstance.TYPE, ex.design().node("block").orElseThrow().params().entrySet()
                            .stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray())
                    .then("head", "Flatten").build();
            Design flat = BlockUngrouping.ungroup(withBlock, "block", BuiltInBlocks.library());
            assertThat(flat.node("block")).as(ex.block()).isEmpty();
            Analysis before = analyzer.analyze(withBlock);
            Analysis after = analyzer.analyze(flat);
            assertThat(after.problems()).as(ex.block()).isEmpty();
            assertThat(after.totals()).as(ex.block()).isEqualTo(before.totals());
            assertThat(after.node("head").orElseThrow().outputShape())
                    .isEqualTo(before.node("head").orElseThrow().outputShape());
            // no exposed-parameter reference survives: every value is the instance's
            assertThat(flat.nodes()).allSatisfy(n -> assertThat(n.params().values())
                    .noneMatch(v -> v instanceof String s && s.startsWith("$")));
        }
    }

    @Test
    void innerLayersArePrefixedPlacedAtTheInstanceAndWiredThroughThePorts() {
        Design design = BuiltInBlockExamples.ALL.get(1).design(); // residual-identity, filters 16
        Node instance = design.node("block").orElseThrow();
        Design flat = BlockUngrouping.ungroup(design, "block", BuiltInBlocks.library());
        assertThat(flat.node("block_conv1").orElseThrow().params()).containsEntry("filters", 16);
        // the input port feeds the first convolution and the shortcut into the add
        assertThat(flat.edges()).contains(new Edge("in", "block_conv1", 0), new Edge("in", "block_add", 1));
        assertThat(flat.nodes().stream().filter(n -> n.id().startsWith("block_"))
                .mapToDouble(n -> n.position().y()).min().orElseThrow()).isEqualTo(instance.position().y());
    }

    @Test
    void nestedInstancesStayInstancesOneLevelAtATime() {
        BlockDefinition pair = BlockBuilder.named("pair", 1).input("x")
                .then("a", BlockInstance.TYPE, "block", "residual-identity", "version", 1, "filters", 16)
                .then("b", BlockInstance.TYPE, "block", "residual-identity", "version", 1, "filters", 16).build();
        Design design = DesignBuilder.named("nested").node("in", "Input", "shape", List.of(16, 8, 8))
                .then("p", BlockInstance.TYPE, "block", "pair", "version", 1).build().withBlocks(List.of(pair));
        Design once = BlockUngrouping.ungroup(design, "p", BuiltInBlocks.library());
        assertThat(once.node("p_a").map(BlockInstance::isInstance)).contains(true);
        assertThat(once.edges()).contains(new Edge("in", "p_a", 0), new Edge("p_a", "p_b", 0));
        assertThat(analyzer.analyze(once).totals()).isEqualTo(analyzer.analyze(design).totals());
    }

    @Test
    void aFrozenInstanceGivesFrozenLayersAndOnlyInstancesUngroup() {
        Design design = BuiltInBlockExamples.ALL.get(1).design();
        Design frozen = design.withNodes(design.nodes().stream()
                .map(n -> n.id().equals("block") ? n.withFrozen(true) : n).toList());
        assertThat(BlockUngrouping.ungroup(frozen, "block", BuiltInBlocks.library()).nodes().stream()
                .filter(n -> n.id().startsWith("block_"))).allMatch(Node::frozen);
        assertThatThrownBy(() -> BlockUngrouping.ungroup(design, "in", BuiltInBlocks.library()))
                .hasMessageContaining("not a block instance");
    }
}
