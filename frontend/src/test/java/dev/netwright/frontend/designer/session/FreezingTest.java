package dev.netwright.frontend.designer.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreezingTest {
    /** in -> a -> b -> head, with a side branch in -> side -> add(b, side) to check only ancestors freeze. */
    private static Design branched() {
        return DesignBuilder.named("branched")
                .node("in", "Input", "shape", List.of(8))
                .then("a", "Dense", "units", 8)
                .then("b", "Dense", "units", 8)
                .node("side", "Dense", "units", 8).edge("in", "side")
                .node("add", "Add").edge("b", "add").edge("side", "add", 1)
                .then("head", "Dense", "units", 3).build();
    }

    @Test
    void freezesTheNodeAndItsAncestorsOnlyUndoably() {
        DesignSession s = new DesignSession(LayerCatalog.standard(), branched());
        long before = s.analysis().totals().trainableParams();
        s.apply(d -> new Freezing().upTo(d, "b"));
        assertThat(s.design().frozenNodeIds()).containsExactlyInAnyOrder("in", "a", "b");
        assertThat(s.analysis().totals().trainableParams()).isEqualTo(before - 2 * (8 * 8 + 8));
        assertThat(s.analysis().totals().totalParams()).isEqualTo(before);

        s.apply(d -> new Freezing().upTo(d, "side"));
        assertThat(s.design().frozenNodeIds()).containsExactlyInAnyOrder("in", "a", "b", "side");
        assertThat(s.undo()).isTrue();
        assertThat(s.design().frozenNodeIds()).containsExactlyInAnyOrder("in", "a", "b");

        s.apply(d -> new Freezing().none(d));
        assertThat(s.design().frozenNodeIds()).isEmpty();
        assertThat(s.undo()).isTrue();
        assertThat(Freezing.count(s.design())).isEqualTo(3);
    }

    @Test
    void anUnknownLayerIsNamed() {
        assertThatThrownBy(() -> new Freezing().upTo(branched(), "nope")).hasMessageContaining("'nope'");
    }
}
