package dev.netwright.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Shape;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles every template and a design for every layer kind, and checks that DJL instantiates exactly the designer's
 * parameter count and produces exactly the designer's shape at every node.
 */
class DesignCompilerTest {
    private static NDManager manager;
    private final DesignCompiler compiler = new DesignCompiler();
    private final DesignAnalyzer analyzer = new DesignAnalyzer();

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** One small design per layer kind, with non-default parameters where they matter. */
    static Map<String, List<Design>> designsByKind() {
        Map<String, List<Design>> m = new LinkedHashMap<>();
        Object[] seq = {"shape", List.of(10, 6)};
        Object[] image = {"shape", List.of(3, 8, 8)};
        add(m, "Input", DesignBuilder.named("only input").node("in", "Input", image).build());
        add(m, "Dense", chain(seq, "Dense", "units", 5), chain(image, "Flatten"));
        add(m, "Dense", chain(new Object[] {"shape", List.of(7)}, "Dense", "units", 3, "useBias", false));
        add(m, "Activation", chain(seq, "Activation", "function", "leakyRelu", "alpha", 0.2));
        add(m, "Dropout", chain(seq, "Dropout", "rate", 0.3));
        add(m, "Flatten", chain(image, "Flatten"));
        add(m, "Reshape", chain(seq, "Reshape", "shape", List.of(2, -1)));
        add(m, "Conv1D", chain(seq, "Conv1D", "filters", 4, "kernelSize", 3, "padding", "same"));
        add(m, "Conv1D", chain(seq, "Conv1D", "filters", 4, "kernelSize", 2, "stride", 2, "dilation", 2));
        add(m, "Conv2D", chain(image, "Conv2D", "filters", 5, "kernelSize", 3, "stride", 2, "padding", "same",
                "activation", "relu"));
        add(m, "Conv2D", chain(image, "Conv2D", "filters", 2, "kernelSize", List.of(3, 1), "dilation", 2,
                "useBias", false));
        add(m, "ConvTranspose2D", chain(image, "ConvTranspose2D", "filters", 4, "kernelSize", 4, "stride", 2,
                "padding", "same"));
        add(m, "ConvTranspose2D", chain(image, "ConvTranspose2D", "filters", 2, "kernelSize", 3, "stride", 2,
                "padding", "same", "outputPadding", 1));
        add(m, "MaxPool1D", chain(seq, "MaxPool1D", "poolSize", 2));
        add(m, "AvgPool1D", chain(seq, "AvgPool1D", "poolSize", 3, "stride", 1, "padding", "same"));
        add(m, "MaxPool2D", chain(image, "MaxPool2D", "poolSize", 3, "stride", 2, "padding", "same"));
        add(m, "AvgPool2D", chain(image, "AvgPool2D", "poolSize", 2));
        add(m, "GlobalAvgPool2D", chain(image, "GlobalAvgPool2D"));
        add(m, "GlobalMaxPool2D", chain(image, "GlobalMaxPool2D"));
        add(m, "Upsample2D", chain(image, "Upsample2D", "scale", 2));
        add(m, "BatchNorm", chain(image, "BatchNorm"), chain(seq, "BatchNorm", "axis", -1, "momentum", 0.2));
        add(m, "LayerNorm", chain(seq, "LayerNorm"));
        add(m, "SimpleRNN", chain(seq, "SimpleRNN", "units", 4, "activation", "relu", "returnSequences", true));
        add(m, "LSTM", chain(seq, "LSTM", "units", 5, "layers", 2, "dropout", 0.1));
        add(m, "LSTM", chain(seq, "LSTM", "units", 5, "layers", 2, "bidirectional", true));
        add(m, "GRU", chain(seq, "GRU", "units", 3, "bidirectional", true, "returnSequences", true));
        add(m, "GRU", chain(seq, "GRU", "units", 3));
        add(m, "Embedding", chain(new Object[] {"shape", List.of(12)}, "Embedding", "vocabSize", 20, "dim", 6));
        add(m, "PositionalEncoding", chain(seq, "PositionalEncoding", "maxLength", 16),
                chain(seq, "PositionalEncoding", "kind", "learned", "maxLength", 16));
        add(m, "MultiHeadAttention", chain(seq, "MultiHeadAttention", "heads", 2, "dim", 8, "causal", true));
        add(m, "TransformerEncoder", chain(seq, "TransformerEncoder", "heads", 3, "dim", 6, "ffDim", 12),
                chain(seq, "TransformerEncoder", "heads", 2, "dim", 6, "ffDim", 8, "normFirst", true,
                        "activation", "gelu"));
        add(m, "SequencePool", chain(seq, "SequencePool", "mode", "max"), chain(seq, "SequencePool", "mode", "last"));
        for (String merge : List.of("Add", "Multiply", "Concatenate")) {
            add(m, merge, DesignBuilder.named(merge).node("in", "Input", seq)
                    .then("a", "Dense", "units", 4).from("in").then("b", "Dense", "units", 4)
                    .then("merge", merge).edge("a", "merge", 1).build());
        }
        return m;
    }

    private static void add(Map<String, List<Design>> m, String kind, Design... designs) {
        m.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(List.of(designs));
    }

    private static Design chain(Object[] input, String type, Object... params) {
        return DesignBuilder.named(type).node("in", "Input", input).then("layer", type, params).build();
    }

    /** Parameters DJL instantiated, counted element by element. */
    private static long djlParameters(CompiledNetwork network) {
        long total = 0;
        for (Pair<String, Parameter> p : network.block().getParameters()) {
            total += p.getValue().getArray().size();
        }
        return total;
    }

    private void checkDesign(String label, Design design) {
        Analysis analysis = analyzer.analyze(design);
        assertThat(analysis.errors()).as(label).isEmpty();
        List<CompiledNetwork> networks = new ArrayList<>();
        try {
            if (design.isGan()) {
                CompiledGan gan = compiler.compileGan(design);
                networks.add(gan.generator());
                networks.add(gan.discriminator());
            } else {
                networks.add(compiler.compile(design, false));
            }
        } catch (DesignNotTrainableException e) {
            throw new AssertionError(label, e);
        }
        for (CompiledNetwork network : networks) {
            try (NDManager scope = manager.newSubManager()) {
                ai.djl.ndarray.types.Shape batchShape = GraphBlock.batched(2, DesignCompiler.longs(network.inputShape()));
                network.block().initialize(scope, DataType.FLOAT32, batchShape);
                assertThat(djlParameters(network)).as(label + " / " + network.name() + " parameters")
                        .isEqualTo(network.expectedParameters());
                NDArray x = scope.randomUniform(0, 5, batchShape);
                Map<String, NDArray> outputs = network.block().forwardAll(new ParameterStore(scope, false), x);
                for (Map.Entry<String, NDArray> e : outputs.entrySet()) {
                    Shape expected = analysis.node(e.getKey()).orElseThrow().outputShape();
                    assertThat(e.getValue().getShape().slice(1).getShape())
                            .as(label + " node " + e.getKey() + " shape").containsExactly(DesignCompiler.longs(expected));
                }
            }
        }
    }

    @Test
    void everyLayerKindCompilesWithTheDesignersParameterCountAndShapes() {
        Map<String, List<Design>> designs = designsByKind();
        assertThat(new TreeSet<>(designs.keySet())).as("every catalog kind has a compile test")
                .isEqualTo(new TreeSet<>(LayerCatalog.standard().types()));
        TreeSet<String> needCompiler = new TreeSet<>(LayerCatalog.standard().types());
        needCompiler.remove("Input"); // the graph block feeds the sample in itself
        assertThat(new TreeSet<>(LayerCompilers.types())).as("every catalog kind has a DJL compiler")
                .isEqualTo(needCompiler);
        designs.forEach((kind, list) -> {
            for (int i = 0; i < list.size(); i++) {
                checkDesign(kind + " #" + i, list.get(i));
            }
        });
    }

    @Test
    void everyTemplateCompilesWithTheDesignersParameterCountAndShapes() {
        for (Template t : Templates.all()) {
            checkDesign(t.id(), t.design());
        }
    }

    @Test
    void everyActivationFunctionRuns() {
        for (String f : ActivationFunction.names()) {
            checkDesign(f, chain(new Object[] {"shape", List.of(5)}, "Activation", "function", f));
        }
    }

    @Test
    void finalSoftmaxIsFoldedIntoTheLossOnlyWhenAsked() throws Exception {
        Design mlp = Templates.find("mlp-fashion-mnist").orElseThrow().design();
        CompiledNetwork folded = compiler.compile(mlp, true);
        CompiledNetwork plain = compiler.compile(mlp, false);
        assertThat(folded.outputActivation()).isEqualTo(OutputActivation.SOFTMAX);
        assertThat(plain.outputActivation()).isEqualTo(OutputActivation.NONE);
        try (NDManager scope = manager.newSubManager()) {
            ai.djl.ndarray.types.Shape in = new ai.djl.ndarray.types.Shape(4, 1, 28, 28);
            plain.block().initialize(scope, DataType.FLOAT32, in);
            folded.block().initialize(scope, DataType.FLOAT32, in);
            var from = plain.block().getParameters().values();
            var to = folded.block().getParameters().values();
            for (int i = 0; i < from.size(); i++) {
                to.get(i).getArray().set(from.get(i).getArray().toFloatArray());
            }
            NDArray x = scope.randomUniform(0, 1, in);
            ParameterStore store = new ParameterStore(scope, false);
            NDArray probabilities = plain.block().forward(store, new NDList(x), false).head();
            NDArray logits = folded.block().forward(store, new NDList(x), false).head();
            assertThat(probabilities.sum(new int[] {1}).toFloatArray())
                    .containsOnly(new float[] {1f, 1f, 1f, 1f}, org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(logits.softmax(-1).sub(probabilities).abs().max().getFloat()).isLessThan(1e-6f);
        }
    }

    @Test
    void causalAttentionIgnoresFutureSteps() throws Exception {
        Design d = chain(new Object[] {"shape", List.of(6, 4)}, "MultiHeadAttention", "heads", 2, "dim", 4,
                "causal", true);
        CompiledNetwork net = compiler.compile(d, false);
        try (NDManager scope = manager.newSubManager()) {
            net.block().initialize(scope, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 6, 4));
            NDArray x = scope.randomNormal(new ai.djl.ndarray.types.Shape(1, 6, 4));
            NDArray changed = x.duplicate();
            changed.set(new ai.djl.ndarray.index.NDIndex("0, 5, :"), 42f);
            ParameterStore store = new ParameterStore(scope, false);
            NDArray a = net.block().forward(store, new NDList(x), false).head();
            NDArray b = net.block().forward(store, new NDList(changed), false).head();
            assertThat(a.get("0, 0:5, :").sub(b.get("0, 0:5, :")).abs().max().getFloat()).isLessThan(1e-5f);
            assertThat(a.get("0, 5, :").sub(b.get("0, 5, :")).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }

    @Test
    void imagesAreReshapedIntoAVectorInputWithTheSameElementCount() throws Exception {
        Design d = DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(784))
                .then("out", "Dense", "units", 10).build();
        CompiledNetwork net = compiler.compile(d, false);
        try (NDManager scope = manager.newSubManager()) {
            net.block().initialize(scope, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(3, 784));
            NDArray images = scope.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(3, 1, 28, 28));
            NDArray out = net.block().forward(new ParameterStore(scope, false), new NDList(images), false).head();
            assertThat(out.getShape().getShape()).containsExactly(3, 10);
        }
    }

    @Test
    void invalidDesignsAreRefusedWithEveryProblem() {
        Design bad = DesignBuilder.named("bad").node("in", "Input", "shape", List.of(1, 28, 28))
                .then("d", "Dense", "units", 0).build();
        assertThatThrownBy(() -> compiler.compile(bad, true)).isInstanceOf(DesignNotTrainableException.class)
                .hasMessageContaining("node 'd', parameter 'units'");
    }
}
