package dev.netwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.compile.CompiledGan;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exports every template and a design per layer kind with random weights (biases, norm statistics and learned
 * tables included), runs the file in ONNX Runtime and compares with the DJL block in inference mode.
 */
class OnnxExporterTest {
    private static final double TOLERANCE = 1e-4;
    private static final int BATCH = 3;
    private static NDManager manager;
    private static OrtEnvironment ort;
    private static double worst;
    private final DesignCompiler compiler = new DesignCompiler();
    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        ort = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void stop() {
        manager.close();
        System.out.printf("largest |ONNX - DJL| / max(1, |DJL|) over all exports: %.3g%n", worst);
    }

    static Map<String, List<Design>> designsByKind() {
        Map<String, List<Design>> m = new LinkedHashMap<>();
        Object[] seq = {"shape", List.of(10, 6)};
        Object[] image = {"shape", List.of(3, 8, 8)};
        add(m, "Dense", chain(seq, "Dense", "units", 5), chain(new Object[] {"shape", List.of(7)}, "Dense", "units", 3,
                "useBias", false), chain(new Object[] {"shape", List.of(7)}, "Dense", "units", 4, "activation", "softmax"));
        add(m, "Activation", chain(seq, "Activation", "function", "leakyRelu", "alpha", 0.2));
        add(m, "Dropout", chain(seq, "Dropout", "rate", 0.3));
        add(m, "Flatten", chain(image, "Flatten"));
        add(m, "Reshape", chain(seq, "Reshape", "shape", List.of(2, -1)));
        add(m, "Conv1D", chain(seq, "Conv1D", "filters", 4, "kernelSize", 3, "padding", "same"),
                chain(seq, "Conv1D", "filters", 4, "kernelSize", 2, "stride", 2, "dilation", 2),
                chain(seq, "Conv1D", "filters", 10, "kernelSize", 3, "groups", 2, "padding", "explicit", "pads",
                        List.of(2, 0)));
        add(m, "Conv2D", chain(image, "Conv2D", "filters", 5, "kernelSize", 3, "stride", 2, "padding", "same",
                "activation", "relu"), chain(image, "Conv2D", "filters", 2, "kernelSize", List.of(3, 1), "dilation", 2,
                "useBias", false), chain(image, "Conv2D", "filters", 6, "kernelSize", 3, "groups", 3, "padding",
                "explicit", "pads", List.of(0, 1, 2, 1), "activation", "relu6"), chain(image, "Conv2D", "filters", 3,
                "kernelSize", 3, "groups", 3, "stride", 2, "padding", "explicit", "pads", List.of(1, 1, 1, 1)));
        add(m, "ConvTranspose2D", chain(image, "ConvTranspose2D", "filters", 4, "kernelSize", 4, "stride", 2,
                "padding", "same"), chain(image, "ConvTranspose2D", "filters", 2, "kernelSize", 3, "stride", 2,
                "padding", "same", "outputPadding", 1, "activation", "tanh"));
        add(m, "MaxPool1D", chain(seq, "MaxPool1D", "poolSize", 2));
        add(m, "AvgPool1D", chain(seq, "AvgPool1D", "poolSize", 3, "stride", 1, "padding", "same"));
        add(m, "MaxPool2D", chain(image, "MaxPool2D", "poolSize", 3, "stride", 2, "padding", "same"));
        add(m, "AvgPool2D", chain(image, "AvgPool2D", "poolSize", 2), chain(image, "AvgPool2D", "poolSize", 3,
                "stride", 2, "padding", "same"));
        add(m, "GlobalAvgPool2D", chain(image, "GlobalAvgPool2D"));
        add(m, "GlobalMaxPool2D", chain(image, "GlobalMaxPool2D"));
        add(m, "Upsample2D", chain(image, "Upsample2D", "scale", 2));
        add(m, "BatchNorm", chain(image, "BatchNorm"), chain(seq, "BatchNorm", "axis", -1, "momentum", 0.2,
                "epsilon", 1e-3));
        add(m, "LayerNorm", chain(seq, "LayerNorm"), chain(image, "LayerNorm"));
        add(m, "SimpleRNN", chain(seq, "SimpleRNN", "units", 4, "activation", "relu", "returnSequences", true),
                chain(seq, "SimpleRNN", "units", 4, "layers", 2, "bidirectional", true));
        add(m, "LSTM", chain(seq, "LSTM", "units", 5, "layers", 2, "dropout", 0.1),
                chain(seq, "LSTM", "units", 16),
                chain(seq, "LSTM", "units", 24, "layers", 2, "bidirectional", true),
                chain(seq, "LSTM", "units", 32, "bidirectional", true, "returnSequences", true));
        add(m, "GRU", chain(seq, "GRU", "units", 3, "bidirectional", true, "returnSequences", true),
                chain(seq, "GRU", "units", 3, "layers", 2, "bidirectional", true), chain(seq, "GRU", "units", 3));
        add(m, "Embedding", chain(new Object[] {"shape", List.of(12)}, "Embedding", "vocabSize", 20, "dim", 6));
        add(m, "PositionalEncoding", chain(seq, "PositionalEncoding", "maxLength", 16),
                chain(seq, "PositionalEncoding", "kind", "learned", "maxLength", 16));
        add(m, "MultiHeadAttention", chain(seq, "MultiHeadAttention", "heads", 2, "dim", 8, "causal", true),
                chain(seq, "MultiHeadAttention", "heads", 3, "dim", 6));
        add(m, "TransformerEncoder", chain(seq, "TransformerEncoder", "heads", 3, "dim", 6, "ffDim", 12),
                chain(seq, "TransformerEncoder", "heads", 2, "dim", 6, "ffDim", 8, "normFirst", true,
                        "activation", "gelu"));
        add(m, "SequencePool", chain(seq, "SequencePool", "mode", "max"), chain(seq, "SequencePool", "mode", "last"),
                chain(seq, "SequencePool", "mode", "first"), chain(seq, "SequencePool", "mode", "mean"));
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

    @Test
    void everyLayerKindHasAnEmitterAndMatchesDjl() throws Exception {
        Map<String, List<Design>> designs = designsByKind();
        TreeSet<String> kinds = new TreeSet<>(LayerCatalog.standard().types());
        kinds.remove("Input");
        assertThat(new TreeSet<>(NodeEmitters.types())).isEqualTo(kinds);
        assertThat(new TreeSet<>(designs.keySet())).isEqualTo(kinds);
        for (Map.Entry<String, List<Design>> e : designs.entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                check(e.getKey() + " #" + i, e.getValue().get(i));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyActivationFunctionMatchesDjl() throws Exception {
        for (String f : ActivationFunction.names()) {
            check(f, chain(new Object[] {"shape", List.of(4, 5)}, "Activation", "function", f, "alpha", 0.3));
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyTemplateMatchesDjlIncludingBothGanNetworks() throws Exception {
        for (Template t : Templates.all()) {
            check(t.id(), t.design());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aNodeThatCannotBeExportedIsNamedWithItsKind() throws Exception {
        CompiledNetwork network = compiler.compile(Templates.find("mlp-fashion-mnist").orElseThrow().design(), true);
        // never initialised: the first Dense has no weights to write
        assertThatThrownBy(() -> new OnnxExporter().export(Templates.find("mlp-fashion-mnist").orElseThrow().design(),
                network)).isInstanceOf(OnnxExportException.class).hasMessageContaining("'hidden1'")
                .hasMessageContaining("(Dense)");
    }

    private void check(String label, Design design) throws Exception {
        List<CompiledNetwork> networks = new ArrayList<>();
        if (design.isGan()) {
            CompiledGan gan = compiler.compileGan(design);
            networks.add(gan.generator());
            networks.add(gan.discriminator());
        } else {
            networks.add(compiler.compile(design, true));
        }
        boolean ids = design.nodes().stream().anyMatch(n -> n.type().equals("Embedding"));
        for (CompiledNetwork network : networks) {
            compare(label + " / " + network.name(), design, network, ids);
        }
    }

    private void compare(String label, Design design, CompiledNetwork network, boolean ids) throws Exception {
        Random random = new Random(label.hashCode());
        try (NDManager scope = manager.newSubManager()) {
            long[] sample = longs(network.inputShape().dims());
            long[] batchShape = new long[sample.length + 1];
            batchShape[0] = BATCH;
            System.arraycopy(sample, 0, batchShape, 1, sample.length);
            network.block().initialize(scope, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(batchShape));
            randomise(network, random);
            int size = (int) new ai.djl.ndarray.types.Shape(batchShape).size();
            float[] input = new float[size];
            for (int i = 0; i < size; i++) {
                input[i] = ids ? random.nextInt(20) : (float) (random.nextDouble() * 2 - 1);
            }
            NDArray x = scope.create(input, new ai.djl.ndarray.types.Shape(batchShape));
            NDArray out = network.block().forward(new ParameterStore(scope, false), new NDList(x), false).head();
            float[] expected = network.outputActivation().apply(out).toFloatArray();

            byte[] onnx = new OnnxExporter().export(design, network);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                try (OrtSession session = ort.createSession(onnx, options);
                     OnnxTensor tensor = OnnxTensor.createTensor(ort, FloatBuffer.wrap(input), batchShape);
                     OrtSession.Result result = session.run(Map.of("input", tensor))) {
                    OnnxTensor y = (OnnxTensor) result.get("output").orElseThrow();
                    assertThat(y.getInfo().getShape()).as(label + " shape").containsExactly(out.getShape().getShape());
                    FloatBuffer actual = y.getFloatBuffer();
                    double max = 0;
                    for (int i = 0; i < expected.length; i++) {
                        // absolute below 1, relative above: float32 rounding grows with the magnitude (ReLU RNNs)
                        max = Math.max(max, Math.abs(actual.get(i) - expected[i]) / Math.max(1, Math.abs(expected[i])));
                    }
                    worst = Math.max(worst, max);
                    if (max > TOLERANCE) {
                        failures.add(label + ": max |ONNX - DJL| = " + max);
                    }
                }
            }
        }
    }

    /** Non-trivial values where initialisers leave constants: biases, norm scales/shifts and running statistics. */
    static void randomise(CompiledNetwork network, Random random) {
        for (Pair<String, Parameter> p : network.block().getParameters()) {
            String name = p.getValue().getName();
            NDArray a = p.getValue().getArray();
            float[] v = a.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                double u = random.nextDouble();
                if (name.contains("bias") || name.contains("BIAS") || name.equals("beta")
                        || name.equals("runningMean") || name.equals("positions")) {
                    v[i] = (float) (u - 0.5);
                } else if (name.equals("gamma")) {
                    v[i] = (float) (0.5 + u);
                } else if (name.equals("runningVar")) {
                    v[i] = (float) (0.3 + 2 * u);
                }
            }
            a.set(v);
        }
    }

    static long[] longs(int[] d) {
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = d[i];
        }
        return l;
    }
}
