package dev.netwright.frontend.designer.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.template.Templates;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesignEditsTest {
    private final DesignEdits edits = new DesignEdits(LayerCatalog.standard());

    private Design twoInputsAndAdd() {
        Design d = DesignSession.blank();
        d = edits.addNode(d, "Input", new Position(0, 0)).design();
        d = edits.addNode(d, "Dense", new Position(0, 100)).design();
        d = edits.addNode(d, "Dense", new Position(200, 100)).design();
        return edits.addNode(d, "Add", new Position(100, 200)).design();
    }

    @Test
    void addsNodesWithReadableUniqueIds() {
        Design d = twoInputsAndAdd();
        assertThat(d.nodes()).extracting(Node::id).containsExactly("input1", "dense1", "dense2", "add1");
        assertThat(d.node("dense2").orElseThrow().position()).isEqualTo(new Position(200, 100));
    }

    @Test
    void aBuiltInBlockFromThePaletteIsAnInstanceOfItsNewestVersion() {
        Design d = edits.addNode(DesignSession.blank(), "Input", Position.ORIGIN).design();
        d = edits.setParam(d, "input1", "shape", List.of(3, 16, 16));
        DesignEdits.Result r = edits.addNode(d, "Block:vgg-stage", new Position(0, 100));
        Node block = r.design().node(r.createdIds().get(0)).orElseThrow();
        assertThat(block.type()).isEqualTo("Block");
        assertThat(block.params()).containsEntry("block", "vgg-stage").containsEntry("version", 1);
        Design connected = edits.connect(r.design(), "input1", block.id(), 0);
        var analysis = new dev.netwright.designer.analysis.DesignAnalyzer().analyze(connected);
        assertThat(analysis.problems()).isEmpty();
        assertThat(analysis.node(block.id()).orElseThrow().outputShape())
                .isEqualTo(dev.netwright.designer.model.Shape.of(64, 8, 8));
        assertThatThrownBy(() -> edits.addNode(connected, "Block:nope", Position.ORIGIN))
                .hasMessageContaining("no block 'nope'");
    }

    @Test
    void unknownTypesAreRefusedInWords() {
        assertThatThrownBy(() -> edits.addNode(DesignSession.blank(), "Bogus", Position.ORIGIN))
                .hasMessageContaining("no layer type 'Bogus'");
    }

    @Test
    void singleInputLayersKeepOneConnectionAndMergesOnePerPort() {
        Design d = twoInputsAndAdd();
        d = edits.connect(d, "input1", "dense1", 3);
        assertThat(d.edges()).containsExactly(new Edge("input1", "dense1", 0));
        d = edits.connect(d, "dense2", "dense1", 0);
        assertThat(d.edges()).containsExactly(new Edge("dense2", "dense1", 0));
        d = edits.connect(d, "dense1", "add1", 0);
        d = edits.connect(d, "dense2", "add1", 1);
        assertThat(d.edges()).contains(new Edge("dense1", "add1", 0), new Edge("dense2", "add1", 1));
        d = edits.connect(d, "input1", "add1", 1);
        assertThat(d.edges()).contains(new Edge("input1", "add1", 1)).doesNotContain(new Edge("dense2", "add1", 1));
        assertThat(edits.connect(d, "add1", "add1", 2)).isEqualTo(d);
    }

    @Test
    void theConnectionAReconnectionWouldReplaceIsNamedBeforehand() {
        Design d = twoInputsAndAdd();
        assertThat(edits.replaced(d, "input1", "dense1", 0)).isEmpty();
        d = edits.connect(d, "input1", "dense1", 0);
        assertThat(edits.replaced(d, "input1", "dense1", 0)).isEmpty(); // the same connection again
        assertThat(edits.replaced(d, "dense2", "dense1", 2)).contains(new Edge("input1", "dense1", 0));
        d = edits.connect(d, "dense1", "add1", 0);
        assertThat(edits.replaced(d, "dense2", "add1", 1)).isEmpty(); // a free port of a merge
        assertThat(edits.replaced(d, "dense2", "add1", 0)).contains(new Edge("dense1", "add1", 0));
    }

    @Test
    void deletingNodesRemovesTheirConnectionsAndNetworkMembership() {
        Design gan = Templates.find("mlp-gan-2d").orElseThrow().design();
        Design d = edits.delete(gan, List.of("g1"), List.of(new EdgeRef("d1", "d2", 0)));
        assertThat(d.node("g1")).isEmpty();
        assertThat(d.edges()).noneMatch(e -> e.from().equals("g1") || e.to().equals("g1"))
                .doesNotContain(new Edge("d1", "d2", 0));
        assertThat(d.network(Network.GENERATOR).orElseThrow().nodeIds()).doesNotContain("g1");
    }

    @Test
    void pasteCopiesNodesWithFreshIdsAndTheirInnerConnections() {
        Design d = edits.connect(twoInputsAndAdd(), "input1", "dense1", 0);
        d = edits.connect(d, "dense1", "add1", 0);
        Clip clip = edits.copy(d, List.of("dense1", "add1"));
        DesignEdits.Result r = edits.paste(d, clip, 40, 40);
        assertThat(r.createdIds()).containsExactly("dense3", "add2");
        assertThat(r.design().edges()).contains(new Edge("dense3", "add2", 0))
                .noneMatch(e -> e.from().equals("input1") && e.to().equals("dense3"));
        assertThat(r.design().node("dense3").orElseThrow().position()).isEqualTo(new Position(40, 140));
    }

    @Test
    void pastedGanLayersJoinTheNetworkTheyWereCopiedFrom() {
        Design gan = Templates.find("mlp-gan-2d").orElseThrow().design();
        DesignEdits.Result r = edits.paste(gan, edits.copy(gan, List.of("d1")), 40, 40);
        assertThat(r.design().network(Network.DISCRIMINATOR).orElseThrow().nodeIds()).contains(r.createdIds().get(0));
    }

    @Test
    void setParamSetsAndClearsToTheDefault() {
        Design d = edits.setParam(twoInputsAndAdd(), "dense1", "units", 16);
        assertThat(d.node("dense1").orElseThrow().params()).containsEntry("units", 16);
        d = edits.setParam(d, "dense1", "units", null);
        assertThat(d.node("dense1").orElseThrow().params()).doesNotContainKey("units");
    }

    @Test
    void renameUpdatesEdgesAndRefusesTakenNames() {
        Design d = edits.connect(twoInputsAndAdd(), "input1", "dense1", 0);
        d = edits.rename(d, "dense1", "hidden");
        assertThat(d.edges()).containsExactly(new Edge("input1", "hidden", 0));
        Design finalD = d;
        assertThatThrownBy(() -> edits.rename(finalD, "hidden", "dense2")).hasMessageContaining("already called");
    }
}
