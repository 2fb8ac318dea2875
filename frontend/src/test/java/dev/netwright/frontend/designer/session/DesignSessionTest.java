package dev.netwright.frontend.designer.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesignSessionTest {

    @Test
    void everyEditIsAnalysedAndUndoable() {
        DesignSession s = new DesignSession(LayerCatalog.standard(), DesignSession.blank());
        s.apply(d -> s.edits().addNode(d, "Input", Position.ORIGIN).design());
        s.apply(d -> s.edits().setParam(d, "input1", "shape", List.of(784)));
        s.apply(d -> s.edits().addNode(d, "Dense", new Position(0, 150)).design());
        s.apply(d -> s.edits().connect(d, "input1", "dense1", 0));
        assertThat(s.analysis().totals().totalParams()).isEqualTo(784 * 64 + 64);
        long revision = s.revision();

        assertThat(s.undo()).isTrue();
        assertThat(s.design().edges()).isEmpty();
        assertThat(s.analysis().totals().totalParams()).isZero();
        assertThat(s.redo()).isTrue();
        assertThat(s.design().edges()).hasSize(1);
        assertThat(s.revision()).isGreaterThan(revision);
    }

    @Test
    void editsThatChangeNothingAreNotRecorded() {
        DesignSession s = new DesignSession(LayerCatalog.standard(), DesignSession.blank());
        assertThat(s.apply(d -> d)).isFalse();
        assertThat(s.canUndo()).isFalse();
    }

    @Test
    void pastesLandFurtherOffEachTime() {
        DesignSession s = new DesignSession(LayerCatalog.standard(), DesignSession.blank());
        s.apply(d -> s.edits().addNode(d, "Dense", Position.ORIGIN).design());
        s.copy(List.of("dense1"));
        assertThat(s.paste()).containsExactly("dense2");
        assertThat(s.paste()).containsExactly("dense3");
        assertThat(s.design().node("dense3").orElseThrow().position()).isEqualTo(new Position(80, 80));
        s.undo();
        assertThat(s.design().node("dense3")).isEmpty();
    }

    /** A shared design that two sessions edit through, as the server does it (one order, the applier's rules). */
    private static final class Shared implements DesignSession.Sync {
        dev.netwright.designer.model.Design design = DesignSession.blank();

        @Override
        public DesignSession.Synced submit(dev.netwright.designer.coedit.DesignPatch patch) {
            var r = dev.netwright.designer.coedit.PatchApplier.apply(design, patch);
            design = r.design();
            return new DesignSession.Synced(design, r.applied());
        }
    }

    @Test
    void liveUndoTakesBackOnlyThisTabsEditAndKeepsTheOthers() {
        Shared shared = new Shared();
        DesignSession mine = new DesignSession(LayerCatalog.standard(), shared.design);
        mine.goLive(shared);
        DesignSession theirs = new DesignSession(LayerCatalog.standard(), shared.design);
        theirs.goLive(shared);
        mine.apply(d -> mine.edits().addNode(d, "Dense", Position.ORIGIN).design());
        theirs.remote(shared.design);
        theirs.apply(d -> theirs.edits().setParam(d, "dense1", "units", 7));
        mine.apply(d -> mine.edits().move(d, List.of(new Move("dense1", 50, 60))));
        assertThat(mine.design().node("dense1").orElseThrow().params()).as("the other's edit came back with mine")
                .containsEntry("units", 7);

        assertThat(mine.undo()).isTrue();
        assertThat(shared.design.node("dense1").orElseThrow().position()).isEqualTo(Position.ORIGIN);
        assertThat(shared.design.node("dense1").orElseThrow().params()).containsEntry("units", 7);
        assertThat(mine.redo()).isTrue();
        assertThat(shared.design.node("dense1").orElseThrow().position()).isEqualTo(new Position(50, 60));
        assertThat(theirs.canUndo()).isTrue();
        assertThat(mine.design()).isEqualTo(shared.design);
    }
}
