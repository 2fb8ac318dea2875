package dev.netwright.designer.coedit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.template.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchApplierTest {
    private static final Design MLP = new Design("mlp", "", List.of(
            new Node("input1", "Input", Map.of("shape", List.of(784)), new Position(0, 0)),
            new Node("dense1", "Dense", Map.of("units", 16), new Position(0, 100)),
            new Node("dense2", "Dense", Map.of("units", 10), new Position(0, 200))),
            List.of(new Edge("input1", "dense1"), new Edge("dense1", "dense2")), List.of());

    private static Design setUnits(Design d, String node, int units) {
        return d.withNodes(d.nodes().stream().map(n -> n.id().equals(node) ? n.withParam("units", units) : n).toList());
    }

    @Test
    void aDiffAppliedToItsBaseGivesTheEditedDesignAndItsInverseTakesItBack() {
        Design edited = setUnits(MLP, "dense1", 32).withNodes(new ArrayList<>(setUnits(MLP, "dense1", 32).nodes()) {{
            add(new Node("dense3", "Dense", Map.of(), new Position(5, 300)));
        }}).withEdges(List.of(new Edge("input1", "dense1"), new Edge("dense2", "dense3")));
        DesignPatch patch = PatchDiff.between(MLP, edited);
        PatchApplier.Result r = PatchApplier.apply(MLP, patch);
        assertThat(r.conflicts()).isEmpty();
        assertThat(r.design()).isEqualTo(edited);
        PatchApplier.Result undone = PatchApplier.apply(r.design(), r.applied().inverse());
        assertThat(undone.design().nodes()).containsExactlyInAnyOrderElementsOf(MLP.nodes());
        assertThat(undone.design().edges()).containsExactlyInAnyOrderElementsOf(MLP.edges());
    }

    @Test
    void freezingALayerTravelsAsAnOpThroughJsonAndUndoes() {
        Design frozen = MLP.withNodes(MLP.nodes().stream()
                .map(n -> n.id().equals("output") || n.id().equals("dense2") ? n : n.withFrozen(true)).toList());
        DesignPatch patch = PatchDiff.between(MLP, frozen);
        assertThat(patch.ops()).hasSize(2).allMatch(op -> op instanceof DesignOp.SetFrozen);
        PatchJson json = new PatchJson(new dev.netwright.designer.format.DesignJson());
        DesignPatch read = json.read(json.write(patch));
        PatchApplier.Result r = PatchApplier.apply(MLP, read);
        assertThat(r.design()).isEqualTo(frozen);
        assertThat(PatchApplier.apply(r.design(), r.applied().inverse()).design()).isEqualTo(MLP);
    }

    @Test
    void theFirstOfTwoConcurrentChangesOfOneParameterWinsAndTheSecondIsToldItsValue() {
        DesignPatch alice = PatchDiff.between(MLP, setUnits(MLP, "dense1", 32));
        DesignPatch bob = PatchDiff.between(MLP, setUnits(setUnits(MLP, "dense1", 64), "dense2", 5));
        Design afterAlice = PatchApplier.apply(MLP, alice).design();
        PatchApplier.Result r = PatchApplier.apply(afterAlice, bob);
        assertThat(r.design().node("dense1").orElseThrow().params()).containsEntry("units", 32);
        // bob's edit of another parameter still applies
        assertThat(r.design().node("dense2").orElseThrow().params()).containsEntry("units", 5);
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.VALUE_CHANGED);
            assertThat(c.winner()).isEqualTo(32);
            assertThat(c.message()).contains("dense1.units").contains("it is 32").contains("your 64");
        });
    }

    @Test
    void editsOfALayerSomeoneDeletedAreReportedAndAPortTakenMeanwhileKeepsTheFirstConnection() {
        Design noDense2 = new Design("mlp", "", MLP.nodes().subList(0, 2), MLP.edges().subList(0, 1), List.of());
        Design deleted = PatchApplier.apply(MLP, PatchDiff.between(MLP, noDense2)).design();
        PatchApplier.Result late = PatchApplier.apply(deleted, PatchDiff.between(MLP, setUnits(MLP, "dense2", 3)));
        assertThat(late.changed()).isFalse();
        assertThat(late.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.NODE_DELETED);
            assertThat(c.message()).contains("layer dense2 was deleted");
        });

        Design open = MLP.withEdges(List.of(new Edge("input1", "dense1")));
        Design withA = PatchApplier.apply(open, new DesignPatch(List.of(new DesignOp.AddEdge(
                new Edge("dense1", "dense2"))))).design();
        PatchApplier.Result b = PatchApplier.apply(withA, new DesignPatch(List.of(new DesignOp.AddEdge(
                new Edge("input1", "dense2")))));
        assertThat(b.design().edges()).containsExactly(new Edge("input1", "dense1"), new Edge("dense1", "dense2"));
        assertThat(b.conflicts()).singleElement().extracting(Conflict::kind).isEqualTo(Conflict.Kind.PORT_TAKEN);
    }

    @Test
    void twoLayersAddedWithTheSameIdBothStayAndTheSecondsConnectionsFollowItsNewId() {
        Node mine = new Node("dense3", "Dense", Map.of(), new Position(1, 1));
        Design first = PatchApplier.apply(MLP, new DesignPatch(List.of(new DesignOp.AddNode(mine, null)))).design();
        PatchApplier.Result r = PatchApplier.apply(first, new DesignPatch(List.of(
                new DesignOp.AddNode(new Node("dense3", "Dense", Map.of("units", 4), new Position(2, 2)), null),
                new DesignOp.AddEdge(new Edge("dense2", "dense3")))));
        assertThat(r.design().node("dense4").orElseThrow().params()).containsEntry("units", 4);
        assertThat(r.design().edges()).contains(new Edge("dense2", "dense4"));
        assertThat(r.conflicts()).singleElement().satisfies(c -> assertThat(c.dropped()).isFalse());
    }

    @Test
    void patchesAndConflictsRoundTripThroughJsonAndBadOpsNameWhereTheyAre() {
        DesignJson dj = new DesignJson();
        PatchJson json = new PatchJson(dj);
        Design gan = Templates.find("dcgan-28").map(t -> t.design()).orElse(MLP);
        Design edited = setUnits(MLP, "dense1", 99).withName("renamed");
        DesignPatch patch = PatchDiff.between(MLP, edited);
        assertThat(json.read(json.write(patch))).isEqualTo(patch);
        DesignPatch whole = PatchDiff.between(new Design("x", "", List.of(), List.of(), gan.networks().isEmpty()
                ? List.of() : gan.networks().stream().map(n -> new dev.netwright.designer.model.Network(n.name(),
                List.of())).toList()), gan);
        assertThat(json.read(json.write(whole))).isEqualTo(whole);
        var bad = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree("[{\"op\":\"setParam\",\"node\":\"d\",\"param\":\"units\",\"to\":{}}]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.read(bad))
                .hasMessageContaining("ops[0].to");
    }
}
