package dev.netwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.block.BlockExpander;
import dev.netwright.designer.block.BuiltInBlockExamples;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.designer.block.BlockBuilder;
import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.PythonTorch;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every built-in block: the design with one instance compiles to the same DJL network as its flattened design
 * (same parameters, same output for the same weights), exports to the same ONNX file, and that file computes what
 * DJL computes. Its PyTorch code writes the block as a sub-module class whose parameter count, with the exported
 * weights, and outputs equal the platform's; blocks nested in blocks become nested classes.
 */
class BlockCompileAndExportTest {
    private static final int BATCH = 2;
    private final DesignCompiler compiler = new DesignCompiler();

    @Test
    void everyBuiltInBlockCompilesAndExportsExactlyLikeItsExpansion() throws Exception {
        OrtEnvironment ort = OrtEnvironment.getEnvironment();
        for (BuiltInBlockExamples.Example example : BuiltInBlockExamples.ALL) {
            Design design = example.design();
            Design flat = new BlockExpander().expand(design).flat();
            try (NDManager manager = NDManager.newBaseManager()) {
                CompiledNetwork withBlock = compiler.compile(design, true);
                CompiledNetwork expanded = compiler.compile(flat, true);
                long expected = new DesignAnalyzer().analyze(flat).totals().totalParams();
                assertThat(withBlock.expectedParameters()).as(example.block()).isEqualTo(expected);
                assertThat(withBlock.outputShape()).as(example.block()).isEqualTo(expanded.outputShape());

                ai.djl.ndarray.types.Shape batch = batchShape(withBlock.inputShape().dims());
                withBlock.block().initialize(manager, DataType.FLOAT32, batch);
                expanded.block().initialize(manager, DataType.FLOAT32, batch);
                ai.djl.nn.ParameterList a = withBlock.block().getParameters();
                ai.djl.nn.ParameterList b = expanded.block().getParameters();
                assertThat(a.stream().map(Pair::getKey).toList()).as(example.block())
                        .isEqualTo(b.stream().map(Pair::getKey).toList());
                long djlCount = 0;
                Random random = new Random(example.block().hashCode());
                for (int i = 0; i < a.size(); i++) {
                    NDArray wa = a.get(i).getValue().getArray();
                    assertThat(wa.getShape()).isEqualTo(b.get(i).getValue().getArray().getShape());
                    float[] values = wa.toFloatArray();
                    for (int j = 0; j < values.length; j++) {
                        values[j] = a.get(i).getKey().contains("Var") ? (float) (0.5 + random.nextDouble())
                                : (float) (random.nextDouble() - 0.5);
                    }
                    wa.set(values);
                    b.get(i).getValue().getArray().set(values);
                    djlCount += wa.size();
                }
                assertThat(djlCount).as(example.block() + " DJL parameters").isEqualTo(expected);

                float[] input = new float[(int) batch.size()];
                for (int i = 0; i < input.length; i++) {
                    input[i] = (float) (random.nextDouble() * 2 - 1);
                }
                NDArray x = manager.create(input, batch);
                float[] outBlock = withBlock.block().forward(new ParameterStore(manager, false), new NDList(x), false)
                        .head().toFloatArray();
                float[] outFlat = expanded.block().forward(new ParameterStore(manager, false), new NDList(x), false)
                        .head().toFloatArray();
                assertThat(outBlock).as(example.block()).containsExactly(outFlat);

                byte[] onnx = new OnnxExporter().export(design, withBlock);
                assertThat(onnx).as(example.block() + " ONNX").isEqualTo(new OnnxExporter().export(flat, expanded));
                try (OrtSession session = ort.createSession(onnx, new OrtSession.SessionOptions());
                     OnnxTensor tensor = OnnxTensor.createTensor(ort, FloatBuffer.wrap(input), batch.getShape());
                     OrtSession.Result result = session.run(Map.of("input", tensor))) {
                    FloatBuffer y = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
                    for (int i = 0; i < outBlock.length; i++) {
                        assertThat((double) y.get(i)).as(example.block() + " ONNX vs DJL")
                                .isCloseTo(outBlock[i], org.assertj.core.data.Offset.offset(1e-3));
                    }
                }
            }
        }
    }

    @Test
    void everyBuiltInBlockExportsAsAPyTorchSubModuleClassThatComputesItsExpansion(@TempDir Path dir)
            throws Exception {
        PythonTorch.require();
        Map<String, Design> designs = new LinkedHashMap<>();
        for (BuiltInBlockExamples.Example example : BuiltInBlockExamples.ALL) {
            Design d = example.design(); // named after the design, whose class would take the block's name
            designs.put(example.block(), new Design(example.block() + " example", "", d.nodes(), d.edges(),
                    d.networks(), d.blocks()));
        }
        designs.put("nested", nestedDesign());
        designs.put("variants", variantsDesign());
        designs.put("gan", DesignBuilder.named("Block GAN").network(Network.GENERATOR)
                .node("latent", "Input", "shape", List.of(16))
                .then("project", "Dense", "units", 8 * 4 * 4)
                .then("reshape", "Reshape", "shape", List.of(8, 4, 4))
                .then("up", BlockInstance.TYPE, "block", "dcgan-up", "version", 1, "filters", 4)
                .then("image", "ConvTranspose2D", "filters", 1, "kernelSize", 4, "stride", 2, "padding", "same",
                        "activation", "tanh")
                .network(Network.DISCRIMINATOR)
                .node("real", "Input", "shape", List.of(1, 16, 16))
                .then("stage", BlockInstance.TYPE, "block", "vgg-stage", "version", 1, "filters", 4)
                .then("flat", "Flatten")
                .then("score", "Dense", "units", 1, "activation", "sigmoid").build());
        List<PyTorchCodeExportTest.Case> cases = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Map.Entry<String, Design> e : designs.entrySet()) {
                Design design = e.getValue();
                String code = new PyTorchCode().generate(design);
                Path file = dir.resolve(PythonNames.identifier(e.getKey()) + ".py");
                Files.writeString(file, code);
                if (BuiltInBlockExamples.ALL.stream().anyMatch(x -> x.block().equals(e.getKey()))) {
                    String cls = PythonNames.className(e.getKey());
                    assertThat(code).as(e.getKey()).contains("class " + cls + "(nn.Module):")
                            .contains("self.block = " + cls + "(");
                    // the flattened design's inner layers are not written at the top level
                    assertThat(code).as(e.getKey()).doesNotContain("self.block_");
                }
                cases.addAll(PyTorchCodeExportTest.cases(e.getKey(), design, file, manager));
            }
        }
        List<String> failures = new ArrayList<>();
        double worst = PyTorchCodeExportTest.compare(cases, dir, failures, 1e-5);
        System.out.printf("PyTorch block export: %d designs, largest |PyTorch - DJL| / max(1, |DJL|) = %.3g%n",
                designs.size(), worst);
        assertThat(failures).isEmpty();
    }

    @Test
    void nestedBlocksAreNestedClassesAndTheirWeightsNestedStateDictEntries() throws Exception {
        Design design = nestedDesign();
        String code = new PyTorchCode().generate(design);
        // one class per block definition and version, each instance sized by its arguments
        assertThat(code).contains("class ResidualBasic(nn.Module):", "class ResidualIdentity(nn.Module):",
                        "class ResPair(nn.Module):", "class TowerV2(nn.Module):")
                .doesNotContain("class ResPair_2", "class ResidualBasic_2", "class ResidualIdentity_2")
                .contains("self.tower = TowerV2(x_channels=8, width=8)",
                        "self.p1 = ResPair(in_channels=x_channels, filters=width, stride=1)",
                        "self.p2 = ResPair(in_channels=width, filters=12, stride=2)",
                        "self.pair = ResPair(in_channels=12, filters=6, stride=2)",
                        "self.down = ResidualBasic(in_channels=in_channels, filters=filters, stride=stride)",
                        "self.keep = ResidualIdentity(in_channels=filters, filters=filters)");
        try (NDManager manager = NDManager.newBaseManager()) {
            CompiledNetwork network = compiler.compile(design, true);
            network.block().initialize(manager, DataType.FLOAT32, batchShape(network.inputShape().dims()));
            Map<String, Tensor> state = new PyTorchWeights().stateDict(design, network.name(), network.block());
            assertThat(state).containsKeys("stem.weight", "tower.p1.down.conv1.weight",
                    "tower.p2.keep.bn2.running_var", "pair.down.projBn.bias", "head.weight");
            assertThat(state.keySet()).noneMatch(k -> k.contains("/"));
        }
    }

    @Test
    void instancesThatNeedDifferentCodeGetClassesNamedAfterTheirInputShapes() {
        String code = new PyTorchCode().generate(variantsDesign());
        // the Dense layer's input size is the flattened size, a literal inside the block, different per instance
        assertThat(code).contains("class FlatHead(nn.Module):", "class FlatHeadFor4x2x2(nn.Module):",
                        "self.big = FlatHead(units=5)", "self.small = FlatHeadFor4x2x2(units=4)",
                        "nn.Linear(64, units)", "nn.Linear(16, units)")
                .doesNotContain("class FlatHead_2", "class FlatHeadFor4x4x4");
    }

    /** One design-local block (Flatten then Dense) used on inputs of different sizes. */
    static Design variantsDesign() {
        BlockDefinition head = BlockBuilder.named("flat-head", 1).input("in")
                .param("units", ParamType.INT, 8, "outputs")
                .then("flat", "Flatten")
                .then("dense", "Dense", "units", "$units", "activation", "tanh")
                .build();
        Design d = DesignBuilder.named("Variants").node("in", "Input", "shape", List.of(2, 4, 4))
                .then("conv", "Conv2D", "filters", 4, "kernelSize", 3, "padding", "same")
                .then("big", BlockInstance.TYPE, "block", "flat-head", "version", 1, "units", 5)
                .from("conv").then("pool", "MaxPool2D", "poolSize", 2)
                .then("small", BlockInstance.TYPE, "block", "flat-head", "version", 1, "units", 4)
                .from("big").then("join", "Concatenate").edge("small", "join", 1)
                .then("out", "Dense", "units", 3).build();
        return new Design(d.name(), d.description(), d.nodes(), d.edges(), d.networks(), List.of(head));
    }

    /**
     * Blocks inside blocks: a design-local pair (a projecting residual block then an identity one) used directly
     * and twice inside a version-2 tower, with values that are literals, exposed parameters and defaults.
     */
    static Design nestedDesign() {
        BlockDefinition pair = BlockBuilder.named("res-pair", 1).input("in")
                .param("filters", ParamType.INT, 16, "output channels")
                .param("stride", ParamType.INT, 2, "down-sampling of the first block")
                .then("down", BlockInstance.TYPE, "block", "residual-basic", "version", 1, "filters", "$filters",
                        "stride", "$stride")
                .then("keep", BlockInstance.TYPE, "block", "residual-identity", "version", 1, "filters", "$filters")
                .build();
        BlockDefinition tower = BlockBuilder.named("tower", 2).input("x")
                .param("width", ParamType.INT, 4, "channels of the first pair")
                .then("p1", BlockInstance.TYPE, "block", "res-pair", "version", 1, "filters", "$width", "stride", 1)
                .then("p2", BlockInstance.TYPE, "block", "res-pair", "version", 1, "filters", 12)
                .build();
        Design d = DesignBuilder.named("Nested blocks").node("in", "Input", "shape", List.of(3, 8, 8))
                .then("stem", "Conv2D", "filters", 8, "kernelSize", 3, "padding", "same")
                .then("tower", BlockInstance.TYPE, "block", "tower", "version", 2, "width", 8)
                .then("pair", BlockInstance.TYPE, "block", "res-pair", "version", 1, "filters", 6, "stride", 2)
                .then("pool", "GlobalAvgPool2D")
                .then("head", "Dense", "units", 5, "activation", "softmax").build();
        return new Design(d.name(), d.description(), d.nodes(), d.edges(), d.networks(), List.of(pair, tower));
    }

    private static ai.djl.ndarray.types.Shape batchShape(int[] sample) {
        long[] dims = new long[sample.length + 1];
        dims[0] = BATCH;
        for (int i = 0; i < sample.length; i++) {
            dims[i + 1] = sample[i];
        }
        return new ai.djl.ndarray.types.Shape(dims);
    }
}
