package dev.netwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NetworkReport;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.PythonTorch;
import dev.netwright.engine.compile.CompiledGan;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainedModel;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated PyTorch code of every template (both GAN networks), of a design per layer kind and of every
 * activation function, run under Debian's python3-torch: PyTorch's parameter count and output shape equal the
 * designer's, and with the exported weights (random, with non-trivial biases and norm statistics) its outputs equal
 * the platform's DJL network to 1e-4. A trained run's bundle carries code and weights that reproduce its predictions.
 */
class PyTorchCodeExportTest {
    private static final double TOLERANCE = 1e-4;
    private static final int BATCH = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DesignCompiler COMPILER = new DesignCompiler();

    /** One generated network run in PyTorch and what it must give. */
    record Case(String label, Map<String, Object> spec, long params, int[] shape, float[] expected) {
    }

    @Test
    void everyLayerKindHasAPyTorchForm() {
        TreeSet<String> kinds = new TreeSet<>(LayerCatalog.standard().types());
        kinds.remove("Input");
        assertThat(new TreeSet<>(PyTorchLayers.types())).isEqualTo(kinds);
    }

    @Test
    void generatedCodeMatchesTheDesignAndTheWeightsReproduceTheOutputs(@TempDir Path dir) throws Exception {
        PythonTorch.require();
        Map<String, Design> designs = new LinkedHashMap<>();
        OnnxExporterTest.designsByKind().forEach((kind, list) -> {
            for (int i = 0; i < list.size(); i++) {
                designs.put(kind + " #" + i, list.get(i));
            }
        });
        for (String f : ActivationFunction.names()) {
            designs.put("activation " + f, DesignBuilder.named(f).node("in", "Input", "shape", List.of(4, 5))
                    .then("layer", "Activation", "function", f, "alpha", 0.3).build());
        }
        for (Template t : Templates.all()) {
            designs.put("template " + t.id(), t.design());
        }
        List<Case> cases = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            int i = 0;
            for (Map.Entry<String, Design> e : designs.entrySet()) {
                Path code = dir.resolve("design_" + i++ + ".py");
                Files.writeString(code, new PyTorchCode().generate(e.getValue()));
                cases.addAll(cases(e.getKey(), e.getValue(), code, manager));
            }
        }
        List<String> failures = new ArrayList<>();
        double worst = compare(cases, dir, failures);
        System.out.printf("PyTorch code export: %d networks from %d designs, largest |PyTorch - DJL| / max(1, |DJL|)"
                + " = %.3g%n", cases.size(), designs.size(), worst);
        assertThat(failures).isEmpty();
    }

    /** The networks of a design whose generated code is {@code code}, with random weights exported next to it. */
    static List<Case> cases(String label, Design design, Path code, NDManager manager) throws Exception {
        Analysis analysis = new DesignAnalyzer().analyze(design);
        List<CompiledNetwork> networks = new ArrayList<>();
        if (design.isGan()) {
            CompiledGan gan = COMPILER.compileGan(design);
            networks.add(gan.generator());
            networks.add(gan.discriminator());
        } else {
            networks.add(COMPILER.compile(design, true));
        }
        boolean ids = design.nodes().stream().anyMatch(n -> n.type().equals("Embedding"));
        List<Case> out = new ArrayList<>();
        for (int n = 0; n < networks.size(); n++) {
            CompiledNetwork network = networks.get(n);
            NetworkReport report = analysis.network(network.name()).orElseThrow();
            Random random = new Random((label + n).hashCode());
            try (NDManager scope = manager.newSubManager()) {
                long[] batchShape = batched(network.inputShape().dims());
                network.block().initialize(scope, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(batchShape));
                OnnxExporterTest.randomise(network, random);
                int size = (int) new ai.djl.ndarray.types.Shape(batchShape).size();
                float[] input = new float[size];
                for (int i = 0; i < size; i++) {
                    input[i] = ids ? random.nextInt(20) : (float) (random.nextDouble() * 2 - 1);
                }
                NDArray x = scope.create(input, new ai.djl.ndarray.types.Shape(batchShape));
                NDArray y = network.block().forward(new ParameterStore(scope, false), new NDList(x), false).head();
                float[] expected = network.outputActivation().apply(y).toFloatArray();
                Path weights = code.resolveSibling(code.getFileName() + "." + network.name() + ".npz");
                Files.write(weights, Npz.write(new PyTorchWeights().stateDict(design, network.name(), network.block())));
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("label", label + " / " + network.name());
                spec.put("code", code.toString());
                spec.put("network", n);
                spec.put("weights", weights.toString());
                spec.put("prefix", PyTorchCode.weightPrefix(design, network.name()));
                spec.put("input", input);
                spec.put("inputShape", batchShape);
                out.add(new Case(label + " / " + network.name(), spec, report.totals().totalParams(),
                        report.outputShape().dims(), expected));
            }
        }
        return out;
    }

    /** Runs every case in one Python process; returns the largest difference, collecting failures. */
    static double compare(List<Case> cases, Path dir, List<String> failures) throws Exception {
        return compare(cases, dir, failures, TOLERANCE);
    }

    /** As {@link #compare(List, Path, List)}, failing differences above {@code tolerance}. */
    static double compare(List<Case> cases, Path dir, List<String> failures, double tolerance) throws Exception {
        Path script = PythonTorch.script(PyTorchCodeExportTest.class, "run_generated.py", dir);
        Path specs = dir.resolve("cases.json");
        Path results = dir.resolve("results.json");
        Files.writeString(specs, JSON.writeValueAsString(cases.stream().map(Case::spec).toList()));
        PythonTorch.run(script, dir, 600, specs.toString(), results.toString());
        JsonNode all = JSON.readTree(Files.readString(results));
        double worst = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode r = all.get(i);
            if (r.has("error")) {
                failures.add(c.label() + ": " + r.get("error").asString());
                continue;
            }
            if (r.get("params").asLong() != c.params()) {
                failures.add(c.label() + ": PyTorch counts " + r.get("params").asLong() + " parameters, the design "
                        + c.params());
            }
            int[] shape = new int[r.get("shape").size()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = r.get("shape").get(d).asInt();
            }
            if (!java.util.Arrays.equals(shape, c.shape())) {
                failures.add(c.label() + ": PyTorch output shape " + java.util.Arrays.toString(shape) + ", the design "
                        + java.util.Arrays.toString(c.shape()));
                continue;
            }
            double max = 0;
            JsonNode output = r.get("output");
            for (int j = 0; j < c.expected().length; j++) {
                double e = c.expected()[j];
                max = Math.max(max, Math.abs(output.get(j).asDouble() - e) / Math.max(1, Math.abs(e)));
            }
            worst = Math.max(worst, max);
            if (max > tolerance) {
                failures.add(c.label() + ": max |PyTorch - DJL| = " + max);
            }
        }
        return worst;
    }

    private static long[] batched(int[] sample) {
        long[] shape = new long[sample.length + 1];
        shape[0] = BATCH;
        for (int i = 0; i < sample.length; i++) {
            shape[i + 1] = sample[i];
        }
        return shape;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-fashion-mnist", "lenet-cnn", "residual-cnn"})
    void aTrainedRunsBundleCarriesCodeAndWeightsThatPredictLikeThePlatform(String template, @TempDir Path dir)
            throws Exception {
        PythonTorch.require();
        Design design = Templates.find(template).orElseThrow().design();
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 1e-2).epochs(1).batchSize(32).seed(3).validationFraction(0).build();
        Path model = dir.resolve("model");
        new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Builtin("fashion-mnist", 300), config),
                new RunListener() {
                }, model, new CancellationFlag());
        Path code = model.resolve(PyTorchExport.FOLDER).resolve(PyTorchExport.CODE);
        Path weights = model.resolve(PyTorchExport.FOLDER).resolve(PyTorchExport.WEIGHTS);
        assertThat(code).exists();
        assertThat(weights).exists();

        ArrayDataset test = BuiltinCatalog.standard().load("fashion-mnist", new LoadOptions(3, 0)).test();
        int n = 20;
        float[] rows = new float[n * test.sampleSize()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(test.sample(i), 0, rows, i * test.sampleSize(), test.sampleSize());
        }
        float[] expected;
        try (TrainedModel trained = TrainedModel.load(model)) {
            expected = trained.predictNormalised(rows, n); // the network alone: normalisation stays in model.json
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("label", template + " trained");
        spec.put("code", code.toString());
        spec.put("network", 0);
        spec.put("weights", weights.toString());
        spec.put("input", rows);
        spec.put("inputShape", new long[] {n, 1, 28, 28});
        long params = new DesignAnalyzer().analyze(design).totals().totalParams();
        List<String> failures = new ArrayList<>();
        double worst = compare(List.of(new Case(template, spec, params, new int[] {10}, expected)), dir, failures);
        System.out.printf("%s trained 1 epoch: largest |PyTorch - Netwright| over %d predictions = %.3g%n", template,
                n * 10, worst);
        assertThat(failures).isEmpty();
    }
}
