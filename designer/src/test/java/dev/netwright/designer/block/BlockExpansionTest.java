package dev.netwright.designer.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.analysis.Problem;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Shape;
import dev.netwright.designer.summary.SummaryTable;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockExpansionTest {
    private final DesignAnalyzer analyzer = new DesignAnalyzer();

    @Test
    void everyBuiltInBlockIsTestedAndAnalysesLikeItsExpansion() {
        assertThat(BuiltInBlockExamples.ALL.stream().map(BuiltInBlockExamples.Example::block))
                .containsExactlyInAnyOrderElementsOf(BuiltInBlocks.all().stream().map(BlockDefinition::name).toList());
        for (BuiltInBlockExamples.Example ex : BuiltInBlockExamples.ALL) {
            Design design = ex.design();
            Analysis withBlock = analyzer.analyze(design);
            Design flat = new BlockExpander().expand(design).flat();
            assertThat(flat.hasBlockInstances()).isFalse();
            Analysis expanded = analyzer.analyze(flat);
            assertThat(withBlock.problems()).as(ex.block()).isEmpty();
            assertThat(expanded.problems()).as(ex.block()).isEmpty();
            assertThat(withBlock.totals()).as(ex.block()).isEqualTo(expanded.totals());
            NetworkShapes.assertSame(withBlock, expanded);
            NodeReport instance = withBlock.node("block").orElseThrow();
            assertThat(instance.outputShape()).isEqualTo(expanded.networks().get(0).outputShape());
            assertThat(instance.cost().totalParams()).isEqualTo(expanded.totals().totalParams());
            assertThat(instance.inputs()).containsExactly("in");
            assertThat(SummaryTable.render(withBlock)).isEqualTo(SummaryTable.render(expanded));
        }
    }

    @Test
    void residualBasicCountsMatchAHandWrittenBlock() {
        Design hand = DesignBuilder.named("hand").node("in", "Input", "shape", List.of(16, 8, 8))
                .then("conv1", "Conv2D", "filters", 32, "kernelSize", 3, "stride", 2, "padding", "same", "useBias", false)
                .then("bn1", "BatchNorm").then("relu1", "Activation", "function", "relu")
                .then("conv2", "Conv2D", "filters", 32, "kernelSize", 3, "padding", "same", "useBias", false)
                .then("bn2", "BatchNorm")
                .from("in").then("proj", "Conv2D", "filters", 32, "kernelSize", 1, "stride", 2, "useBias", false)
                .then("projBn", "BatchNorm")
                .from("bn2").then("add", "Add").edge("projBn", "add", 1)
                .then("relu2", "Activation", "function", "relu").build();
        Analysis expected = analyzer.analyze(hand);
        Analysis actual = analyzer.analyze(BuiltInBlockExamples.ALL.get(0).design());
        assertThat(actual.totals()).isEqualTo(expected.totals());
        assertThat(actual.node("block").orElseThrow().outputShape()).isEqualTo(Shape.of(32, 4, 4));
        // 3x3x16x32 + 3x3x32x32 + 1x1x16x32 weights, and three batch norms of 32 channels
        assertThat(actual.totals().trainableParams()).isEqualTo(4608 + 9216 + 512 + 3 * 64);
    }

    @Test
    void theResidualTemplateBuiltFromABlockKeepsTheCountsOfItsHandWrittenLayers() {
        Design hand = DesignBuilder.named("Residual CNN").node("input", "Input", "shape", List.of(1, 28, 28))
                .then("stem", "Conv2D", "filters", 16, "kernelSize", 3, "padding", "same", "activation", "relu")
                .then("pool", "MaxPool2D", "poolSize", 2)
                .then("conv1", "Conv2D", "filters", 16, "kernelSize", 3, "padding", "same", "useBias", false)
                .then("bn1", "BatchNorm").then("relu1", "Activation", "function", "relu")
                .then("conv2", "Conv2D", "filters", 16, "kernelSize", 3, "padding", "same", "useBias", false)
                .then("bn2", "BatchNorm").then("add", "Add").edge("pool", "add", 1)
                .then("relu2", "Activation", "function", "relu").then("gap", "GlobalAvgPool2D")
                .then("output", "Dense", "units", 10, "activation", "softmax").build();
        Design template = dev.netwright.designer.template.Templates.find("residual-cnn").orElseThrow().design();
        assertThat(template.hasBlockInstances()).isTrue();
        Analysis a = analyzer.analyze(template);
        assertThat(a.problems()).isEmpty();
        assertThat(a.totals()).isEqualTo(analyzer.analyze(hand).totals());
        assertThat(a.networks().get(0).outputShape()).isEqualTo(Shape.of(10));
    }

    @Test
    void resNet18ForCifarAsStemPlusStagesHasItsPublishedParameterCount() {
        DesignBuilder b = DesignBuilder.named("ResNet-18 (CIFAR)").node("input", "Input", "shape", List.of(3, 32, 32))
                .then("stem", "Conv2D", "filters", 64, "kernelSize", 3, "padding", "same", "useBias", false)
                .then("stemBn", "BatchNorm").then("stemRelu", "Activation", "function", "relu")
                .then("stage1a", BlockInstance.TYPE, "block", "residual-identity", "version", 1, "filters", 64)
                .then("stage1b", BlockInstance.TYPE, "block", "residual-identity", "version", 1, "filters", 64);
        int filters = 64;
        for (int stage = 2; stage <= 4; stage++) {
            filters *= 2;
            b.then("stage" + stage + "a", BlockInstance.TYPE, "block", "residual-basic", "version", 1,
                            "filters", filters, "stride", 2)
                    .then("stage" + stage + "b", BlockInstance.TYPE, "block", "residual-identity", "version", 1,
                            "filters", filters);
        }
        Design resnet = b.then("gap", "GlobalAvgPool2D").then("fc", "Dense", "units", 10).build();
        Analysis a = analyzer.analyze(resnet);
        assertThat(a.problems()).isEmpty();
        // He et al. 2016 ResNet-18 adapted to 32x32 inputs (3x3 stem, no max pooling): 11,173,962 trainable
        assertThat(a.totals().trainableParams()).isEqualTo(11_173_962);
        assertThat(a.node("stage4b").orElseThrow().outputShape()).isEqualTo(Shape.of(512, 4, 4));
        assertThat(a.blockInstances()).hasSize(8);
    }

    @Test
    void problemsInsideAnInstanceAreReportedOnTheInstanceWithTheExposedParameter() {
        Design design = DesignBuilder.named("bad").node("in", "Input", "shape", List.of(8, 8))
                .then("enc", BlockInstance.TYPE, "block", "transformer-encoder", "version", 1, "heads", 3, "dim", 8)
                .build();
        Analysis a = analyzer.analyze(design);
        assertThat(a.valid()).isFalse();
        Problem p = a.node("enc").orElseThrow().problems().get(0);
        assertThat(p.nodeId()).isEqualTo("enc");
        assertThat(p.message()).contains("transformer-encoder v1").contains("inner node 'attention'");
        assertThat(a.problems()).allMatch(x -> "enc".equals(x.nodeId()));
        assertThat(a.problems()).anyMatch(x -> "heads".equals(x.param()));
    }

    @Test
    void unknownBlocksVersionsAndParametersAreErrorsOnTheInstance() {
        Design design = DesignBuilder.named("bad").node("in", "Input", "shape", List.of(3, 8, 8))
                .then("a", BlockInstance.TYPE, "block", "vgg-stage", "version", 7)
                .from("in").then("b", BlockInstance.TYPE, "block", "vgg-stage", "version", 1, "width", 3).build();
        Analysis a = analyzer.analyze(design);
        assertThat(a.node("a").orElseThrow().problems()).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("UNKNOWN_BLOCK"))
                .satisfies(p -> assertThat(p.hint()).isEqualTo("use version 1"));
        assertThat(a.node("b").orElseThrow().problems()).anySatisfy(p -> {
            assertThat(p.param()).isEqualTo("width");
            assertThat(p.message()).contains("no parameter 'width'");
        });
    }

    @Test
    void aCycleOfBlocksIsAnErrorNamingIt() {
        BlockDefinition a = BlockBuilder.named("a", 1).input("x").then("inner", BlockInstance.TYPE, "block", "b",
                "version", 1).build();
        BlockDefinition b = BlockBuilder.named("b", 1).input("x").then("d", "Dense", "units", 4)
                .then("inner", BlockInstance.TYPE, "block", "a", "version", 1).build();
        Design design = DesignBuilder.named("cyclic").node("in", "Input", "shape", List.of(4))
                .then("top", BlockInstance.TYPE, "block", "a", "version", 1).build().withBlocks(List.of(a, b));
        Analysis analysis = analyzer.analyze(design);
        assertThat(analysis.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("BLOCK_CYCLE");
            assertThat(p.nodeId()).isEqualTo("top");
            assertThat(p.message()).contains("a v1 -> b v1 -> a v1");
        });
    }

    @Test
    void nestedBlocksPassExposedParametersDownAndRoundTripThroughJson() throws Exception {
        BlockDefinition twoStages = BlockBuilder.named("two-vgg-stages", 3)
                .description("two VGG stages of the same width")
                .input("image")
                .param("width", ParamType.INT, 8, "channels of both stages")
                .then("s1", BlockInstance.TYPE, "block", "vgg-stage", "version", 1, "filters", "$width")
                .then("s2", BlockInstance.TYPE, "block", "vgg-stage", "version", 1, "filters", "$width")
                .build();
        Design design = DesignBuilder.named("nested").node("in", "Input", "shape", List.of(3, 16, 16))
                .then("body", BlockInstance.TYPE, "block", "two-vgg-stages", "version", 3, "width", 12)
                .then("flat", "Flatten").then("out", "Dense", "units", 10).build().withBlocks(List.of(twoStages));
        Analysis a = analyzer.analyze(design);
        assertThat(a.problems()).isEmpty();
        assertThat(a.node("body").orElseThrow().outputShape()).isEqualTo(Shape.of(12, 4, 4));
        assertThat(a.node("body/s2/conv2")).isPresent();
        assertThat(a.node("out").orElseThrow().inputs()).containsExactly("flat");
        // 3->12, 12->12, 12->12, 12->12 convolutions with bias, then 192 -> 10
        long convs = (27 * 12 + 12) + 3 * (108 * 12 + 12);
        assertThat(a.totals().totalParams()).isEqualTo(convs + 192 * 10 + 10);

        DesignJson json = new DesignJson();
        String text = json.write(design);
        Design read = json.read(text);
        assertThat(read).isEqualTo(design);
        assertThat(json.write(read)).isEqualTo(text);
    }

    @Test
    void ganNetworksListingAnInstanceGetItsInnerNodes() {
        Design gan = DesignBuilder.named("gan").network("generator")
                .node("z", "Input", "shape", List.of(16))
                .then("fc", "Dense", "units", 16 * 4 * 4).then("r", "Reshape", "shape", List.of(16, 4, 4))
                .then("up", BlockInstance.TYPE, "block", "dcgan-up", "version", 1, "filters", 8)
                .then("img", "Conv2D", "filters", 1, "kernelSize", 3, "padding", "same", "activation", "tanh")
                .network("discriminator")
                .node("x", "Input", "shape", List.of(1, 8, 8)).then("f", "Flatten").then("score", "Dense", "units", 1)
                .build();
        Analysis a = analyzer.analyze(gan);
        assertThat(a.problems()).isEmpty();
        assertThat(a.network("generator").orElseThrow().outputShape()).isEqualTo(Shape.of(1, 8, 8));
        assertThat(a.node("up").orElseThrow().network()).isEqualTo("generator");
        assertThat(a.node("up/up").orElseThrow().network()).isEqualTo("generator");
    }

    /** Compares networks' shapes. */
    private static final class NetworkShapes {
        static void assertSame(Analysis a, Analysis b) {
            assertThat(a.networks().size()).isEqualTo(b.networks().size());
            for (int i = 0; i < a.networks().size(); i++) {
                assertThat(a.networks().get(i).inputShape()).isEqualTo(b.networks().get(i).inputShape());
                assertThat(a.networks().get(i).outputShape()).isEqualTo(b.networks().get(i).outputShape());
                assertThat(a.networks().get(i).outputNodeId()).isEqualTo(b.networks().get(i).outputNodeId());
            }
            assertThat(a.nodes().stream().map(n -> n.nodeId() + n.outputShape()).toList())
                    .isEqualTo(b.nodes().stream().map(n -> n.nodeId() + n.outputShape()).toList());
        }
    }

    /** A frozen instance freezes the layers it expands to, so its parameters count as not trainable. */
    @Test
    void aFrozenInstanceFreezesItsInnerLayers() {
        Design design = BuiltInBlockExamples.ALL.getFirst().design();
        Design frozen = design.withNodes(design.nodes().stream()
                .map(n -> n.id().equals("block") ? n.withFrozen(true) : n).toList());
        Design flat = new BlockExpander().expand(frozen).flat();
        assertThat(flat.nodes().stream().filter(n -> n.id().startsWith("block/")))
                .isNotEmpty().allSatisfy(n -> assertThat(n.frozen()).as(n.id()).isTrue());
        assertThat(flat.node("in").orElseThrow().frozen()).isFalse();
        Analysis before = analyzer.analyze(design);
        Analysis after = analyzer.analyze(frozen);
        long blockParams = before.node("block").orElseThrow().cost().totalParams();
        assertThat(blockParams).isPositive();
        assertThat(after.totals().totalParams()).isEqualTo(before.totals().totalParams());
        assertThat(after.totals().trainableParams()).isEqualTo(before.totals().trainableParams() - blockParams
                + before.node("block").orElseThrow().cost().nonTrainableParams());
    }
}
