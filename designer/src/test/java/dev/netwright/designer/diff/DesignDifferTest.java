package dev.netwright.designer.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.template.Templates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignDifferTest {
    private static Design mlp() {
        return new Design("mlp", "", List.of(
                new Node("in", "Input", Map.of("shape", List.of(4))),
                new Node("d1", "Dense", Map.of("units", 16, "activation", "relu")),
                new Node("out", "Dense", Map.of("units", 3))),
                List.of(new Edge("in", "d1"), new Edge("d1", "out")), List.of());
    }

    @Test
    void identicalDesignsHaveAnEmptyDiff() {
        Design t = Templates.find("lenet-cnn").orElseThrow().design();
        DesignDiff diff = DesignDiffer.diff(t, t);
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.affectsNetwork()).isFalse();
    }

    @Test
    void reportsAddedRemovedNodesAndEdges() {
        Design before = mlp();
        Design after = new Design("mlp", "", List.of(
                new Node("in", "Input", Map.of("shape", List.of(4))),
                new Node("d1", "Dense", Map.of("units", 16, "activation", "relu")),
                new Node("drop", "Dropout", Map.of("rate", 0.5)),
                new Node("head", "Dense", Map.of("units", 3))),
                List.of(new Edge("in", "d1"), new Edge("d1", "drop"), new Edge("drop", "head")), List.of());

        DesignDiff diff = DesignDiffer.diff(before, after);

        assertThat(diff.nodesAdded()).extracting(Node::id).containsExactly("drop", "head");
        assertThat(diff.nodesRemoved()).extracting(Node::id).containsExactly("out");
        assertThat(diff.nodesChanged()).isEmpty();
        assertThat(diff.edgesAdded()).containsExactly(new Edge("d1", "drop"), new Edge("drop", "head"));
        assertThat(diff.edgesRemoved()).containsExactly(new Edge("d1", "out"));
        assertThat(diff.affectsNetwork()).isTrue();
    }

    @Test
    void reportsParameterChangesAddedAndRemovedParameters() {
        Design before = mlp();
        Design after = before.withNodes(List.of(
                before.nodes().get(0),
                new Node("d1", "Dense", Map.of("units", 32, "useBias", false)),
                before.nodes().get(2)));

        DesignDiff diff = DesignDiffer.diff(before, after);

        assertThat(diff.nodesChanged()).hasSize(1);
        NodeChange c = diff.nodesChanged().get(0);
        assertThat(c.nodeId()).isEqualTo("d1");
        assertThat(c.typeChanged()).isFalse();
        assertThat(c.moved()).isFalse();
        assertThat(c.params()).containsExactly(
                new ParamChange("activation", "relu", null),
                new ParamChange("units", 16, 32),
                new ParamChange("useBias", null, false));
    }

    @Test
    void numbersAreComparedByValueNotJavaType() {
        Design before = mlp();
        Design after = before.withNodes(List.of(
                new Node("in", "Input", Map.of("shape", List.of(4L))),
                new Node("d1", "Dense", Map.of("units", 16L, "activation", "relu")),
                new Node("out", "Dense", Map.of("units", 3.0))));
        assertThat(DesignDiffer.diff(before, after).isEmpty()).isTrue();
        assertThat(DesignDiffer.sameValue(List.of(1, 2), List.of(1, 3))).isFalse();
    }

    @Test
    void typeSwapAndMoveAreReportedSeparately() {
        Design before = mlp();
        Node moved = before.nodes().get(2).withPosition(new Position(10, 20));
        Node swapped = new Node("d1", "Conv1D", Map.of("units", 16, "activation", "relu"));
        Design after = before.withNodes(List.of(before.nodes().get(0), swapped, moved));

        DesignDiff diff = DesignDiffer.diff(before, after);

        assertThat(diff.nodesChanged()).extracting(NodeChange::nodeId).containsExactly("d1", "out");
        assertThat(diff.nodesChanged().get(0).typeChanged()).isTrue();
        assertThat(diff.nodesChanged().get(0).affectsNetwork()).isTrue();
        NodeChange move = diff.nodesChanged().get(1);
        assertThat(move.moved()).isTrue();
        assertThat(move.affectsNetwork()).isFalse();
        assertThat(move.positionAfter()).isEqualTo(new Position(10, 20));
    }

    @Test
    void layoutOnlyChangesDoNotAffectTheNetwork() {
        Design before = mlp();
        Design after = before.withName("renamed").withNodes(List.of(
                before.nodes().get(0).withPosition(new Position(5, 5)), before.nodes().get(1), before.nodes().get(2)));
        DesignDiff diff = DesignDiffer.diff(before, after);
        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.nameAfter()).isEqualTo("renamed");
        assertThat(diff.affectsNetwork()).isFalse();
    }

    @Test
    void ganNetworkMembershipChangesAreReported() {
        Design gan = Templates.all().stream().filter(t -> t.design().isGan()).findFirst().orElseThrow().design();
        Network g = gan.network(Network.GENERATOR).orElseThrow();
        Network d = gan.network(Network.DISCRIMINATOR).orElseThrow();
        List<String> fewer = g.nodeIds().subList(0, g.nodeIds().size() - 1);
        Design changed = new Design(gan.name(), gan.description(), gan.nodes(), gan.edges(),
                List.of(new Network(Network.GENERATOR, fewer), d));
        assertThat(DesignDiffer.diff(gan, changed).networksChanged()).containsExactly(Network.GENERATOR);
    }
}
