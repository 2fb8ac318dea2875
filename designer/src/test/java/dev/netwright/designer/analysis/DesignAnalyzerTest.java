package dev.netwright.designer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Shape;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesignAnalyzerTest {
    private final DesignAnalyzer analyzer = new DesignAnalyzer();

    static Design mlp(int... widths) {
        DesignBuilder b = DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(widths[0]));
        for (int i = 1; i < widths.length; i++) {
            b.then("d" + i, "Dense", "units", widths[i], "activation", i == widths.length - 1 ? "softmax" : "relu");
        }
        return b.build();
    }

    private static List<String> codes(Analysis a, String nodeId) {
        return a.node(nodeId).orElseThrow().problems().stream().map(Problem::code).toList();
    }

    @Test
    void seedMlpsHaveTheTextbookParameterCounts() {
        Analysis a = analyzer.analyze(mlp(784, 16, 16, 10));
        assertThat(a.valid()).isTrue();
        assertThat(a.totals().totalParams()).isEqualTo(13_002);
        assertThat(a.node("d1").orElseThrow().cost().trainableParams()).isEqualTo(784 * 16 + 16);
        assertThat(a.node("d3").orElseThrow().outputShape()).isEqualTo(Shape.of(10));
        assertThat(a.totals().multiplyAdds()).isEqualTo(784 * 16 + 16 * 16 + 16 * 10);
        assertThat(a.totals().activationBytesPerSample()).isEqualTo(4L * (784 + 16 + 16 + 10));

        Analysis small = analyzer.analyze(mlp(3, 4, 1));
        assertThat(small.totals().totalParams()).isEqualTo(21);
        assertThat(small.networks()).singleElement().satisfies(n -> {
            assertThat(n.inputNodeId()).isEqualTo("in");
            assertThat(n.outputNodeId()).isEqualTo("d2");
            assertThat(n.outputShape()).isEqualTo(Shape.of(1));
        });
    }

    @Test
    void reportsEveryProblemAtOnceEachOnItsNode() {
        Design d = DesignBuilder.named("broken")
                .node("in", "Input", "shape", List.of(1, 28, 28))
                .then("dense", "Dense", "units", 10)              // 3-D input: needs Flatten
                .then("drop", "Dropout", "rate", 1.5)             // illegal value
                .then("out", "Dense", "units", 10)
                .node("orphan", "Dense", "units", 4)             // no input at all
                .node("mystery", "Convolution3D")                 // unknown kind
                .build();
        Analysis a = analyzer.analyze(d);
        assertThat(a.valid()).isFalse();
        assertThat(codes(a, "dense")).containsExactly("SHAPE");
        assertThat(a.node("dense").orElseThrow().problems().get(0).hint()).contains("Flatten");
        assertThat(a.node("drop").orElseThrow().problems()).singleElement()
                .satisfies(p -> assertThat(p.param()).isEqualTo("rate"));
        assertThat(codes(a, "orphan")).contains("MISSING_INPUT");
        assertThat(codes(a, "mystery")).containsExactly("UNKNOWN_TYPE");
        // a failing node does not drag errors onto the nodes after it
        assertThat(a.node("out").orElseThrow().problems()).isEmpty();
        assertThat(a.node("out").orElseThrow().outputShape()).isNull();
        assertThat(a.node("in").orElseThrow().outputShape()).isEqualTo(Shape.of(1, 28, 28));
    }

    @Test
    void cyclesAreNamedWithTheirPath() {
        Design d = DesignBuilder.named("cycle")
                .node("in", "Input", "shape", List.of(8))
                .then("a", "Dense", "units", 8)
                .then("b", "Add")
                .then("c", "Dense", "units", 8)
                .edge("c", "b", 1)
                .then("out", "Dense", "units", 2)
                .build();
        Analysis a = analyzer.analyze(d);
        assertThat(codes(a, "b")).contains("CYCLE");
        assertThat(codes(a, "c")).contains("CYCLE");
        assertThat(codes(a, "a")).isEmpty();
        assertThat(a.node("b").orElseThrow().problems().get(0).message()).contains("b -> c -> b");
        Design self = DesignBuilder.named("self").node("in", "Input", "shape", List.of(2)).then("x", "Dense")
                .edge("x", "x").build();
        assertThat(codes(analyzer.analyze(self), "x")).contains("CYCLE");
    }

    @Test
    void unreachableExtraInputsAndExtraOutputs() {
        Design d = DesignBuilder.named("wiring")
                .node("in", "Input", "shape", List.of(8))
                .then("a", "Dense", "units", 4)
                .node("island", "Dense", "units", 4)
                .node("island2", "Dense", "units", 4)
                .edge("island", "island2")
                .node("two", "Dense", "units", 4)
                .edge("in", "two").edge("a", "two")
                .build();
        Analysis a = analyzer.analyze(d);
        assertThat(codes(a, "island2")).contains("NOT_CONNECTED");
        assertThat(codes(a, "two")).contains("EXTRA_INPUT");
        assertThat(a.node("two").orElseThrow().problems().get(0).hint()).contains("Add or Concatenate");
        Design outputs = DesignBuilder.named("outs").node("in", "Input", "shape", List.of(8))
                .then("a", "Dense").from("in").then("b", "Dense").build();
        Analysis b = analyzer.analyze(outputs);
        assertThat(codes(b, "a")).containsExactly("EXTRA_OUTPUT");
        assertThat(codes(b, "b")).containsExactly("EXTRA_OUTPUT");
    }

    @Test
    void mergeShapeMismatchNamesTheBranches() {
        Design d = DesignBuilder.named("res")
                .node("in", "Input", "shape", List.of(3, 16, 16))
                .then("c1", "Conv2D", "filters", 8, "padding", "same")
                .from("in").then("c2", "Conv2D", "filters", 16, "padding", "same")
                .then("add", "Add").edge("c1", "add", 1)
                .then("out", "GlobalAvgPool2D")
                .build();
        Problem p = analyzer.analyze(d).node("add").orElseThrow().problems().get(0);
        assertThat(p.code()).isEqualTo("SHAPE");
        assertThat(p.message()).contains("c2 [16, 16, 16]").contains("c1 [8, 16, 16]");
    }

    @Test
    void emptyDesignAndMissingInput() {
        assertThat(analyzer.analyze(DesignBuilder.named("e").build()).problems())
                .extracting(Problem::code).contains("EMPTY");
        Design noInput = DesignBuilder.named("n").node("a", "Dense").build();
        assertThat(analyzer.analyze(noInput).problems()).extracting(Problem::code).contains("NO_INPUT", "MISSING_INPUT");
    }

    @Test
    void ganGeneratorMustFeedTheDiscriminatorShape() {
        Design d = DesignBuilder.named("gan")
                .network("generator").node("z", "Input", "shape", List.of(4)).then("g", "Dense", "units", 3)
                .network("discriminator").node("x", "Input", "shape", List.of(2)).then("d", "Dense", "units", 2)
                .build();
        Analysis a = analyzer.analyze(d);
        assertThat(a.node("g").orElseThrow().problems()).extracting(Problem::code).containsExactly("GAN_SHAPE");
        assertThat(a.node("g").orElseThrow().problems().get(0).message()).contains("[3]").contains("[2]");
        assertThat(a.node("d").orElseThrow().problems().get(0).hint()).contains("Dense(units=1)");
        assertThat(a.network("generator").orElseThrow().totals().totalParams()).isEqualTo(15);
        assertThat(a.network("discriminator").orElseThrow().totals().totalParams()).isEqualTo(6);
    }

    @Test
    void ganNodesMustBelongToExactlyOneNetworkWithoutCrossingEdges() {
        Design d = DesignBuilder.named("gan")
                .network("generator").node("z", "Input", "shape", List.of(4)).then("g", "Dense", "units", 2)
                .network("discriminator").node("x", "Input", "shape", List.of(2)).then("d", "Dense", "units", 1)
                .edge("g", "d")
                .build();
        Analysis a = analyzer.analyze(d);
        assertThat(codes(a, "d")).contains("GAN_NETWORK");
    }

    @Test
    void frozenNodesCountAsNotTrainable() {
        Design d = mlp(784, 16, 16, 10);
        Design frozen = d.withNodes(d.nodes().stream()
                .map(n -> n.id().equals("d1") || n.id().equals("d2") ? n.withFrozen(true) : n).toList());
        Analysis a = analyzer.analyze(frozen);
        assertThat(a.valid()).isTrue();
        assertThat(a.totals().totalParams()).isEqualTo(13_002);
        assertThat(a.totals().trainableParams()).isEqualTo(16 * 10 + 10);
        assertThat(a.totals().nonTrainableParams()).isEqualTo(13_002 - 170);
        assertThat(a.node("d1").orElseThrow().cost().trainableParams()).isZero();
        assertThat(a.node("d1").orElseThrow().cost().totalParams()).isEqualTo(784 * 16 + 16);
        assertThat(a.networks()).singleElement().satisfies(n -> assertThat(n.totals().trainableParams()).isEqualTo(170));
        assertThat(analyzer.analyze(d).totals().trainableParams()).isEqualTo(13_002);
    }
}
