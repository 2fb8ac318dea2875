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
import dev.netwright.designer.catalog.LayerExample;
import dev.netwright.designer.catalog.LayerKind;
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

    /** The catalog's example designs of every layer kind (non-default parameters where they matter). */
    static Map<String, List<Design>> designsByKind() {
        Map<String, List<Design>> m = new LinkedHashMap<>();
        for (LayerKind kind : LayerCatalog.standard().kinds()) {
            for (LayerExample example : kind.examples()) {
                m.computeIfAbsent(kind.type(), k -> new ArrayList<>()).add(DesignBuilder.example(kind, example));
            }
        }
        return m;
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
