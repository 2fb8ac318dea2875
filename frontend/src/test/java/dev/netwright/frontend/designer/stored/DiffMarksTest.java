package dev.netwright.frontend.designer.stored;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.diff.DesignDiffer;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffMarksTest {
    private static final Node INPUT = new Node("in", "Input", Map.of("shape", List.of(4)));
    private static final Node DENSE = new Node("d", "Dense", Map.of("units", 8));

    private static Design design(List<Node> nodes) {
        return new Design("t", "", nodes, List.of(new Edge("in", "d", 0)), List.of());
    }

    @Test
    void marksChangedAndAddedNodesAndListsRemovedOnes() {
        Design before = design(List.of(INPUT, DENSE, new Node("gone", "Dropout", Map.of())));
        Design after = design(List.of(INPUT, DENSE.withParam("units", 16), new Node("new", "Dense", Map.of())));
        DiffMarks marks = DiffMarks.of(1, 2, DesignDiffer.diff(before, after));
        assertThat(marks.marks()).containsExactlyInAnyOrderEntriesOf(Map.of("d", "changed", "new", "added"));
        assertThat(marks.removed()).containsExactly("gone");
        assertThat(marks.summary()).contains("1 added", "1 changed", "removed gone");
    }

    @Test
    void layoutOnlyMovesAreNotMarked() {
        Design before = design(List.of(INPUT, DENSE));
        Design after = design(List.of(INPUT, new Node("d", "Dense", Map.of("units", 8), new Position(300, 300))));
        assertThat(DiffMarks.of(1, 2, DesignDiffer.diff(before, after)).marks()).isEmpty();
    }
}
