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

    /** Through JSON and back, as the server stores an op and another editor's tab receives it. */
    private static DesignPatch sent(DesignPatch patch) {
        PatchJson json = new PatchJson(new DesignJson());
        DesignPatch read = json.read(json.write(patch));
        assertThat(read).isEqualTo(patch);
        return read;
    }

    private static void assertSameDesign(Design actual, Design expected) {
        assertThat(actual.nodes()).containsExactlyInAnyOrderElementsOf(expected.nodes());
        assertThat(actual.edges()).containsExactlyInAnyOrderElementsOf(expected.edges());
        assertThat(actual.blocks()).containsExactlyInAnyOrderElementsOf(expected.blocks());
    }

    /**
     * The designer's block gestures (make block, insert an instance, upgrade its pinned version, change an exposed
     * parameter) are diffs like any edit: they travel as ops through JSON, give the same design on another copy,
     * and their inverse takes them back exactly, definitions included.
     */
    @Test
    void blockGesturesTravelAsOpsApplyOnAnotherCopyAndUndoExactly() {
        var made = dev.netwright.designer.block.BlockExtraction.extract(MLP, List.of("dense1"), "hidden", "one layer");
        DesignPatch make = sent(PatchDiff.between(MLP, made.design()));
        assertThat(make.ops()).anyMatch(op -> op instanceof DesignOp.AddBlock)
                .anyMatch(op -> op instanceof DesignOp.RemoveNode r && r.node().id().equals("dense1"))
                .anyMatch(op -> op instanceof DesignOp.AddNode a && a.node().id().equals(made.instanceId()));
        PatchApplier.Result r = PatchApplier.apply(MLP, make);
        assertThat(r.conflicts()).isEmpty();
        // the server's copy may list layers in another order; every tab shows the server's
        assertSameDesign(r.design(), made.design());
        assertSameDesign(PatchApplier.apply(r.design(), sent(r.applied().inverse())).design(), MLP);

        // a second instance dropped from the palette, then the block upgraded to version 2 in the panel
        Node instance = made.design().node(made.instanceId()).orElseThrow();
        Node second = new Node("hidden_2", instance.type(), instance.params(), new Position(300, 100));
        Design inserted = made.design().withNodes(new ArrayList<>(made.design().nodes()) {{
            add(second);
        }});
        DesignPatch insert = sent(PatchDiff.between(made.design(), inserted));
        assertSameDesign(PatchApplier.apply(r.design(), insert).design(), inserted);

        var v2 = made.block().withVersion(2);
        Design upgraded = inserted.withBlocks(List.of(v2)).withNodes(inserted.nodes().stream().map(n ->
                n.type().equals(dev.netwright.designer.block.BlockInstance.TYPE)
                        ? n.withParam(dev.netwright.designer.block.BlockInstance.VERSION, 2) : n).toList());
        DesignPatch upgrade = sent(PatchDiff.between(inserted, upgraded));
        assertThat(upgrade.ops()).contains(new DesignOp.AddBlock(v2), new DesignOp.RemoveBlock(made.block()));
        PatchApplier.Result up = PatchApplier.apply(inserted, upgrade);
        assertThat(up.conflicts()).isEmpty();
        assertSameDesign(up.design(), upgraded);
        assertSameDesign(PatchApplier.apply(up.design(), sent(up.applied().inverse())).design(), inserted);
    }

    /**
     * Block gestures meet other editors' edits by the usual rules: a definition an instance still uses is never
     * dropped, and an upgrade of an instance someone deleted meanwhile is reported, not lost.
     */
    @Test
    void aBlockUpgradeOfAnInstanceSomeoneDeletedIsReportedAndAUsedDefinitionStays() {
        var made = dev.netwright.designer.block.BlockExtraction.extract(MLP, List.of("dense1"), "hidden", "");
        Design base = made.design();
        String id = made.instanceId();
        var v2 = made.block().withVersion(2);
        Design upgraded = base.withBlocks(List.of(v2)).withNodes(base.nodes().stream().map(n -> n.id().equals(id)
                ? n.withParam(dev.netwright.designer.block.BlockInstance.VERSION, 2) : n).toList());
        Design deleted = PatchApplier.apply(base, new DesignPatch(List.of(new DesignOp.RemoveNode(
                base.node(id).orElseThrow(), null)))).design();
        PatchApplier.Result late = PatchApplier.apply(deleted, PatchDiff.between(base, upgraded));
        assertThat(late.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.NODE_DELETED);
            assertThat(c.message()).contains("layer " + id + " was deleted").contains("version to 2");
        });

        // someone else's stale "remove the old definition" while an instance still pins it: the definition stays
        Design pasted = base.withNodes(new ArrayList<>(base.nodes()) {{
            add(new Node("copy", base.node(id).orElseThrow().type(), base.node(id).orElseThrow().params()));
        }});
        PatchApplier.Result keep = PatchApplier.apply(pasted, new DesignPatch(List.of(
                new DesignOp.RemoveNode(base.node(id).orElseThrow(), null), new DesignOp.RemoveBlock(made.block()))));
        assertThat(keep.design().blocks()).containsExactly(made.block());
    }
}
