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
import dev.netwright.designer.catalog.LayerExample;
import dev.netwright.designer.catalog.LayerKind;
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

    /** The catalog's example designs of every layer kind; Input has no emitter (the graph input is the sample). */
    static Map<String, List<Design>> designsByKind() {
        Map<String, List<Design>> m = new LinkedHashMap<>();
        for (LayerKind kind : LayerCatalog.standard().kinds()) {
            if (kind.maxInputs() == 0) {
                continue;
            }
            for (LayerExample example : kind.examples()) {
                m.computeIfAbsent(kind.type(), k -> new ArrayList<>()).add(DesignBuilder.example(kind, example));
            }
        }
        return m;
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
