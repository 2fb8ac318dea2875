package dev.netwright.designer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoLayoutTest {

    @Test
    void everyLayerSitsBelowItsInputsOrAtTheHeadOfALaterBand() {
        Design d = new AutoLayout().apply(Templates.find("lenet-cnn").orElseThrow().design());
        d.edges().forEach(e -> assertThat(pos(d, e.to()).y() > pos(d, e.from()).y()
                || pos(d, e.to()).x() >= pos(d, e.from()).x() + AutoLayout.NODE_WIDTH + AutoLayout.BAND_GAP)
                .as(e.toString()).isTrue());
        assertThat(d.nodes().stream().map(Node::position).distinct().count()).isEqualTo(d.nodes().size());
    }

    @Test
    void everyTemplateFitsALandscapeViewAtAReadableZoomWithoutOverlaps() {
        for (Template t : Templates.all()) {
            Design d = new AutoLayout().apply(t.design());
            double left = d.nodes().stream().mapToDouble(n -> n.position().x()).min().orElseThrow();
            double right = d.nodes().stream().mapToDouble(n -> n.position().x()).max().orElseThrow() + AutoLayout.NODE_WIDTH;
            double top = d.nodes().stream().mapToDouble(n -> n.position().y()).min().orElseThrow();
            double bottom = d.nodes().stream().mapToDouble(n -> n.position().y()).max().orElseThrow()
                    + AutoLayout.NODE_HEIGHT;
            assertThat(right - left).as(t.id() + " width").isLessThanOrEqualTo(AutoLayout.VIEW_WIDTH);
            assertThat(bottom - top).as(t.id() + " height").isLessThanOrEqualTo(AutoLayout.VIEW_HEIGHT);
            assertNoOverlaps(t.id(), d);
        }
    }

    private static void assertNoOverlaps(String name, Design d) {
        for (Node a : d.nodes()) {
            for (Node b : d.nodes()) {
                boolean apart = a == b || Math.abs(a.position().x() - b.position().x()) >= AutoLayout.NODE_WIDTH
                        || Math.abs(a.position().y() - b.position().y()) >= AutoLayout.ROW_GAP;
                assertThat(apart).as(name + ": " + a.id() + " overlaps " + b.id()).isTrue();
            }
        }
    }

    @Test
    void aShortChainStaysOneColumn() {
        Design d = new AutoLayout().apply(Templates.find("lstm-classifier").orElseThrow().design());
        assertThat(d.nodes().stream().map(n -> n.position().x()).distinct().count()).isEqualTo(1);
    }

    @Test
    void branchesSitSideBySide() {
        Design fork = DesignBuilder.named("fork").node("input", "Input", "shape", List.of(16))
                .then("left", "Dense", "units", 8).from("input").then("right", "Dense", "units", 8)
                .then("sum", "Add").edge("left", "sum", 1).build();
        Design d = new AutoLayout().apply(fork);
        assertThat(pos(d, "left").y()).isEqualTo(pos(d, "right").y());
        assertThat(Math.abs(pos(d, "left").x() - pos(d, "right").x())).isGreaterThanOrEqualTo(AutoLayout.COLUMN_GAP);
        assertThat(pos(d, "sum").y()).isGreaterThan(pos(d, "left").y());
    }

    @Test
    void aResidualShortcutRunsBesideTheLayersItSkipsNotBehindThem() {
        // a residual block short enough to stay in one band: the shortcut skips three layers
        Design residual = DesignBuilder.named("residual").node("input", "Input", "shape", List.of(16))
                .then("dense1", "Dense", "units", 16).then("norm", "BatchNorm").then("act", "Activation", "function", "relu")
                .then("sum", "Add").edge("input", "sum", 1).then("output", "Dense", "units", 2).build();
        Design d = new AutoLayout().apply(residual);
        double nodeWidth = AutoLayout.NODE_WIDTH; // edges leave and enter at the middle
        int longEdges = 0;
        for (var e : d.edges()) {
            Position from = pos(d, e.from());
            Position to = pos(d, e.to());
            if (to.y() - from.y() <= AutoLayout.ROW_GAP || to.x() > from.x() + nodeWidth + AutoLayout.BAND_GAP / 2) {
                continue; // next row, or the head of a later band: not a shortcut past layers of this band
            }
            longEdges++;
            for (Node n : d.nodes()) {
                double y = n.position().y();
                if (y <= from.y() || y >= to.y() || n.position().x() > Math.max(from.x(), to.x()) + nodeWidth) {
                    continue;
                }
                // where the shortcut is at this height (a straight line between the two ports)
                double x = from.x() + (to.x() - from.x()) * (y - from.y()) / (to.y() - from.y()) + nodeWidth / 2;
                assertThat(x < n.position().x() || x > n.position().x() + nodeWidth)
                        .as(e + " passes behind " + n.id()).isTrue();
            }
        }
        assertThat(longEdges).as("the residual template has a shortcut").isPositive();
    }

    @Test
    void aDeepResidualNetworkWrapsIntoBandsWithoutOverlaps() {
        // eight residual blocks, as an imported ResNet brings: 58 layers, one column would be 9,000 px tall
        DesignBuilder b = DesignBuilder.named("deep").node("input", "Input", "shape", List.of(8, 16, 16));
        String previous = "input";
        for (int i = 0; i < 8; i++) {
            b.from(previous).then("conv" + i + "a", "Conv2D", "filters", 8, "kernelSize", 3, "padding", "same")
                    .then("bn" + i + "a", "BatchNorm").then("relu" + i + "a", "Activation", "function", "relu")
                    .then("conv" + i + "b", "Conv2D", "filters", 8, "kernelSize", 3, "padding", "same")
                    .then("bn" + i + "b", "BatchNorm").then("add" + i, "Add").edge(previous, "add" + i, 1)
                    .then("relu" + i, "Activation", "function", "relu");
            previous = "relu" + i;
        }
        Design d = new AutoLayout().apply(b.from(previous).then("gap", "GlobalAvgPool2D").build());
        assertNoOverlaps("deep", d);
        double width = d.nodes().stream().mapToDouble(n -> n.position().x()).max().orElseThrow() + AutoLayout.NODE_WIDTH;
        double height = d.nodes().stream().mapToDouble(n -> n.position().y()).max().orElseThrow()
                + AutoLayout.NODE_HEIGHT;
        double column = (d.nodes().size() - 1) * AutoLayout.ROW_GAP + AutoLayout.NODE_HEIGHT;
        // fitted into the view at least three times larger than one column would be
        assertThat(Math.min(AutoLayout.VIEW_WIDTH / width, AutoLayout.VIEW_HEIGHT / height))
                .isGreaterThan(3 * AutoLayout.VIEW_HEIGHT / column);
    }

    @Test
    void ganNetworksDoNotOverlap() {
        Design d = new AutoLayout().apply(Templates.find("dcgan-28").orElseThrow().design());
        double[] g = box(d, Network.GENERATOR);
        double[] dis = box(d, Network.DISCRIMINATOR);
        boolean apart = dis[0] >= g[2] + AutoLayout.NETWORK_GAP || g[0] >= dis[2] + AutoLayout.NETWORK_GAP
                || dis[1] >= g[3] + AutoLayout.NETWORK_GAP || g[1] >= dis[3] + AutoLayout.NETWORK_GAP;
        assertThat(apart).as("generator %s, discriminator %s", List.of(g[0], g[1], g[2], g[3]),
                List.of(dis[0], dis[1], dis[2], dis[3])).isTrue();
    }

    /** left, top, right, bottom of a network's layers. */
    private static double[] box(Design d, String network) {
        List<Position> ps = d.network(network).orElseThrow().nodeIds().stream().map(id -> pos(d, id)).toList();
        return new double[] {
            ps.stream().mapToDouble(Position::x).min().orElseThrow(),
            ps.stream().mapToDouble(Position::y).min().orElseThrow(),
            ps.stream().mapToDouble(Position::x).max().orElseThrow() + AutoLayout.NODE_WIDTH,
            ps.stream().mapToDouble(Position::y).max().orElseThrow() + AutoLayout.NODE_HEIGHT};
    }

    private static Position pos(Design d, String id) {
        return d.node(id).orElseThrow().position();
    }
}
