package dev.netwright.frontend.designer.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.block.BlockExpander;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.template.Templates;
import org.junit.jupiter.api.Test;

class AutoLayoutTest {

    @Test
    void everyLayerSitsBelowTheLayersFeedingIt() {
        Design d = new AutoLayout().apply(Templates.find("residual-cnn").orElseThrow().design());
        d.edges().forEach(e -> assertThat(pos(d, e.to()).y()).isGreaterThan(pos(d, e.from()).y()));
        assertThat(d.nodes().stream().map(Node::position).distinct().count()).isEqualTo(d.nodes().size());
    }

    @Test
    void aResidualShortcutRunsBesideTheLayersItSkipsNotBehindThem() {
        // the template draws its residual block as one node: its expansion has the shortcut
        Design residual = new BlockExpander().expand(Templates.find("residual-cnn").orElseThrow().design()).flat();
        Design d = new AutoLayout().apply(residual);
        double nodeWidth = 200; // the canvas draws every layer 200 px wide; edges leave and enter at the middle
        int longEdges = 0;
        for (var e : d.edges()) {
            Position from = pos(d, e.from());
            Position to = pos(d, e.to());
            if (to.y() - from.y() <= AutoLayout.ROW_GAP) {
                continue;
            }
            longEdges++;
            for (Node n : d.nodes()) {
                double y = n.position().y();
                if (y <= from.y() || y >= to.y()) {
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
    void ganNetworksGetSeparateColumns() {
        Design d = new AutoLayout().apply(Templates.find("dcgan-28").orElseThrow().design());
        double generatorRight = d.network(Network.GENERATOR).orElseThrow().nodeIds().stream()
                .mapToDouble(id -> pos(d, id).x()).max().orElseThrow();
        double discriminatorLeft = d.network(Network.DISCRIMINATOR).orElseThrow().nodeIds().stream()
                .mapToDouble(id -> pos(d, id).x()).min().orElseThrow();
        assertThat(discriminatorLeft).isGreaterThan(generatorRight + AutoLayout.COLUMN_GAP);
    }

    private static Position pos(Design d, String id) {
        return d.node(id).orElseThrow().position();
    }
}
