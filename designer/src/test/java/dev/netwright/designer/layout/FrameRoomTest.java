package dev.netwright.designer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameRoomTest {
    private static final FrameRoom.Size FRAME = new FrameRoom.Size(720, 530);

    private static Node layer(String id, double x, double y) {
        return new Node(id, "Dense", Map.of("units", 8), new Position(x, y));
    }

    private static Design design(List<Node> nodes) {
        return new Design("d", "", nodes, List.of(), List.of());
    }

    /** Whether two boxes (top-left positions) overlap. */
    private static boolean overlap(Position a, FrameRoom.Size sa, Position b, FrameRoom.Size sb) {
        return a.x() < b.x() + sb.width() && b.x() < a.x() + sa.width()
                && a.y() < b.y() + sb.height() && b.y() < a.y() + sa.height();
    }

    private static List<String> overlaps(Design d, String framed, FrameRoom.Size frame) {
        List<String> found = new ArrayList<>();
        for (Node a : d.nodes()) {
            for (Node b : d.nodes()) {
                if (a.id().compareTo(b.id()) < 0 && overlap(a.position(), a.id().equals(framed) ? frame
                        : FrameRoom.LAYER, b.position(), b.id().equals(framed) ? frame : FrameRoom.LAYER)) {
                    found.add(a.id() + "/" + b.id());
                }
            }
        }
        return found;
    }

    @Test
    void theLayersBelowAndBesideAnExpandedInstanceMakeRoomAndCollapsingPutsThemBack() {
        // a column with a branch beside the instance: input above, the instance, the layer below it, a neighbour
        Design d = design(List.of(layer("input", 0, 0), layer("block", 0, 160), layer("below", 0, 320),
                layer("beside", 240, 160), layer("far", 480, 320)));
        assertThat(overlaps(d, "block", FRAME)).as("the frame drawn without room covers its neighbours")
                .isNotEmpty();

        Design expanded = FrameRoom.resize(d, "block", FrameRoom.LAYER, FRAME);
        assertThat(overlaps(expanded, "block", FRAME)).isEmpty();
        assertThat(expanded.node("input").orElseThrow().position()).isEqualTo(new Position(0, 0));
        assertThat(expanded.node("block").orElseThrow().position()).isEqualTo(new Position(0, 160));
        assertThat(expanded.node("below").orElseThrow().position()).isEqualTo(new Position(0, 320 + 430));
        assertThat(expanded.node("beside").orElseThrow().position()).isEqualTo(new Position(240 + 520, 160));
        assertThat(expanded.node("far").orElseThrow().position()).isEqualTo(new Position(480 + 520, 320 + 430));

        assertThat(FrameRoom.resize(expanded, "block", FRAME, FrameRoom.LAYER)).isEqualTo(d);
    }

    @Test
    void noLayoutWithoutOverlapsGetsOneAndTheSameDesignAlwaysGetsTheSamePositions() {
        Random random = new Random(19);
        for (int round = 0; round < 300; round++) {
            List<Node> nodes = new ArrayList<>();
            while (nodes.size() < 12) {
                Node n = layer("n" + nodes.size(), random.nextInt(40) * 40, random.nextInt(40) * 40);
                if (nodes.stream().noneMatch(o -> overlap(o.position(), FrameRoom.LAYER, n.position(),
                        FrameRoom.LAYER))) {
                    nodes.add(n);
                }
            }
            Design d = design(nodes);
            String framed = "n" + random.nextInt(nodes.size());
            // the frame may only grow into room that was free: the collapsed box had no overlap either
            FrameRoom.Size frame = new FrameRoom.Size(200 + random.nextInt(800), 100 + random.nextInt(800));
            Design expanded = FrameRoom.resize(d, framed, FrameRoom.LAYER, frame);
            assertThat(overlaps(expanded, framed, frame)).as("round %d", round).isEmpty();
            assertThat(FrameRoom.resize(d, framed, FrameRoom.LAYER, frame)).isEqualTo(expanded);
            assertThat(FrameRoom.resize(expanded, framed, frame, FrameRoom.LAYER)).isEqualTo(d);
        }
    }
}
