package dev.netwright.engine.onnximport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.export.OnnxExporter;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.PythonTorch;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.predict.Prediction;
import dev.netwright.engine.predict.Predictor;
import dev.netwright.engine.run.DataPreparation;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.ModelBundle;
import dev.netwright.engine.run.ModelManifest;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainedModel;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models built and exported to ONNX by Debian's python3-torch at test time (torchvision's ResNet-18, ResNet-34,
 * ResNet-50, MobileNetV2 and VGG-16 with random weights and randomised batch-norm statistics, a transformer encoder text
 * classifier, and small networks covering MatMul+Add heads, grouped convolutions, zero padding, ReLU6 and dropout) import with exactly PyTorch's parameter count, and the imported model
 * gives PyTorch's outputs on the same input to 1e-4.
 */
class OnnxImportTest {
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @CsvSource({"mlp, 13", "sequence-mlp, 14", "cnn, 17", "lstm, 14", "gru, 15", "rnn, 16", "resnet18, 13",
            "mobilenet_v2, 17", "resnet34, 15", "resnet50, 17", "vgg16, 17", "transformer, 13", "transformer, 17"})
    void importsWithPyTorchsParameterCountAndOutputs(String model, int opset, @TempDir Path dir) throws Exception {
        PythonTorch.require();
        Path torch = dir.resolve("torch");
        PythonTorch.run(PythonTorch.script(OnnxImportTest.class, "torch_export.py", dir), dir, 600, model,
                Integer.toString(opset), torch.toString());
        JsonNode info = JsonMapper.builder().build().readTree(Files.readString(torch.resolve("info.json")));

        long start = System.nanoTime();
        OnnxImport.Result result = OnnxImport.toModelDirectory(torch.resolve("model.onnx"), model,
                dir.resolve("imported"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(result.totals().trainableParams()).as("trainable parameters")
                .isEqualTo(info.get("parameters").asLong());
        assertThat(result.totals().nonTrainableParams()).as("batch-norm running statistics")
                .isEqualTo(info.get("statistics").asLong());
        assertThat(result.design().nodes()).noneMatch(n -> n.type().equals("Dropout"));

        float[] input = floats(torch.resolve("input.f32"));
        float[] expected = floats(torch.resolve("output.f32"));
        int batch = info.get("inputShape").get(0).asInt();
        float[] actual;
        try (TrainedModel imported = TrainedModel.load(dir.resolve("imported"))) {
            actual = imported.predictNormalised(input, batch);
        }
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
        }
        System.out.printf("import %s (opset %d): %d layers, %,d parameters + %,d statistics as in PyTorch, imported"
                        + " in %.1f s; largest |Netwright - PyTorch| over %d outputs = %.3g%n", model, opset,
                result.design().nodes().size(), result.totals().trainableParams(),
                result.totals().nonTrainableParams(), seconds, expected.length, worst);
        assertThat(worst).as("largest difference from PyTorch's outputs").isLessThanOrEqualTo(TOLERANCE);
        assertThat(dir.resolve("imported").resolve("model.onnx")).exists();
    }

    /**
     * Transfer learning from an import: the head is replaced for Fashion-MNIST's 10 classes, the convolution and
     * its batch norm are frozen, and training starts from the imported weights: the frozen weights come out
     * unchanged, the new head is trained. The command line reads the imported folder like a trained one.
     */
    @Test
    void anImportedCnnIsFineTunedWithFrozenLayersAndANewHeadAndWorksWithTheCommandLine(@TempDir Path dir)
            throws Exception {
        PythonTorch.require();
        Path torch = dir.resolve("torch");
        PythonTorch.run(PythonTorch.script(OnnxImportTest.class, "torch_export.py", dir), dir, 600, "fmnist-cnn",
                "17", torch.toString());
        Path imported = dir.resolve("imported");
        OnnxImport.toModelDirectory(Files.readAllBytes(torch.resolve("model.onnx")), "pretrained cnn", imported);
        Design design = new DesignJson().read(Files.readString(imported.resolve("design.json")));
        assertThat(design.node("0").orElseThrow().type()).isEqualTo("Conv2D");
        assertThat(design.node("1").orElseThrow().type()).isEqualTo("BatchNorm");
        assertThat(design.node("5").orElseThrow().type()).isEqualTo("Dense");
        // replace the head: 10 classes and a softmax instead of the 5 logits
        Design tuned = design.withNodes(design.nodes().stream().map(n -> n.id().equals("5")
                ? n.withParam("units", 10).withParam("activation", "softmax") : n).toList());
        List<String> messages = new ArrayList<>();
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 1e-2).epochs(2).batchSize(32).seed(5).validationFraction(0).build();
        Path out = dir.resolve("tuned");
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(tuned, new DatasetSpec.Builtin("fashion-mnist",
                600), config, null, Optional.of(imported), Set.of("0", "1")), new RunListener() {
                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }
                }, out, new CancellationFlag());
        assertThat(outcome.modelDir()).isPresent();
        assertThat(messages).anyMatch(m -> m.contains("copied [0, 1]") && m.contains("skipped (shape changed) [5]"));
        try (TrainedModel before = TrainedModel.load(imported); TrainedModel after = TrainedModel.load(out)) {
            for (String frozen : List.of("0", "1")) {
                for (var p : before.block().nodeBlocks().get(frozen).getParameters()) {
                    if (p.getValue().getName().startsWith("running")) {
                        continue; // batch statistics follow the new data in training mode, as in PyTorch
                    }
                    float[] a = p.getValue().getArray().toFloatArray();
                    float[] b = after.block().nodeBlocks().get(frozen).getParameters().get(p.getKey()).getArray()
                            .toFloatArray();
                    assertThat(b).as("frozen " + frozen + " " + p.getKey()).containsExactly(a);
                }
            }
        }
        JsonNode metrics = JsonMapper.builder().build().readTree(Files.readString(out.resolve("metrics.json")));
        double accuracy = metrics.get("test").get("accuracy").asDouble();
        System.out.printf("fine-tuned imported CNN (conv and batch norm frozen, new 10-class head): test accuracy"
                + " %.3f after 2 epochs on 600 samples%n", accuracy);
        assertThat(accuracy).as("the new head learned (chance is 0.1)").isGreaterThan(0.4);

        assertThat(cli("summary", imported.toString())).contains("5 (Dense)").contains("Total params");
        Path onnx = dir.resolve("again.onnx");
        cli("export", imported.toString(), "--out", onnx.toString());
        assertThat(onnx).exists();
        Path code = dir.resolve("pretrained.py");
        cli("export-code", imported.toString(), "--to", "pytorch", "--out", code.toString());
        assertThat(dir.resolve("pretrained.npz")).exists();
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, ("0.5,".repeat(783) + "0.5\n").repeat(2));
        assertThat(cli("predict", imported.toString(), "--input", csv.toString()).lines()).hasSize(2);
    }

    /**
     * An imported torchvision ResNet-18 (3 x 32 x 32 input) fine-tunes on Fashion-MNIST (grey 28 x 28) with ImageNet
     * preprocessing: the images are resized and turned RGB to fit it, normalised as ImageNet networks expect, the
     * backbone stays frozen and the new 10-class head learns; the saved model carries the ImageNet normalisation.
     */
    @Test
    void anImportedResNetFineTunesOnFashionMnistWithImageNetPreprocessing(@TempDir Path dir) throws Exception {
        PythonTorch.require();
        Path torch = dir.resolve("torch");
        PythonTorch.run(PythonTorch.script(OnnxImportTest.class, "torch_export.py", dir), dir, 600, "resnet18_32",
                "17", torch.toString());
        Path imported = dir.resolve("imported");
        OnnxImport.toModelDirectory(Files.readAllBytes(torch.resolve("model.onnx")), "resnet18", imported);
        Design design = new DesignJson().read(Files.readString(imported.resolve("design.json")));
        Design tuned = design.withNodes(design.nodes().stream().map(n -> n.id().equals("fc")
                ? n.withParam("units", 10) : n).toList());
        Set<String> backbone = new java.util.HashSet<>();
        design.nodes().stream().filter(n -> !n.id().equals("fc") && !n.type().equals("Input"))
                .forEach(n -> backbone.add(n.id()));
        TrainingConfig config = dev.netwright.engine.api.TrainingSettings.DEFAULTS
                .with("imagePreprocessing", "imagenet").with("epochs", 2).with("batchSize", 64)
                .with("learningRate", 1e-2).with("validationFraction", 0).with("seed", 3).toConfig(false);
        Path out = dir.resolve("tuned");
        long start = System.nanoTime();
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(tuned, new DatasetSpec.Builtin("fashion-mnist",
                512), config, null, Optional.of(imported), backbone), new RunListener() {
                }, out, new CancellationFlag());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(outcome.modelDir()).isPresent();
        JsonNode metrics = JsonMapper.builder().build().readTree(Files.readString(out.resolve("metrics.json")));
        double accuracy = metrics.get("test").get("accuracy").asDouble();
        System.out.printf("fine-tuned imported ResNet-18 on Fashion-MNIST (ImageNet preprocessing to 3x32x32,"
                + " backbone frozen, new head): test accuracy %.3f after 2 epochs on 512 samples, %.1f s%n",
                accuracy, seconds);
        assertThat(accuracy).as("the new head learned on the preprocessed images (chance is 0.1)")
                .isGreaterThan(0.25);
        assertThat(Files.readString(out.resolve("model.json"))).contains("IMAGENET");
        takesFashionMnistAtItsOwnSize(out, accuracy);
    }

    /**
     * The preprocessing is saved with the model, so it takes Fashion-MNIST's 1x28x28 images as they are (resized and
     * normalised as in training) in predict, evaluate, the prediction service and the command line.
     */
    private static void takesFashionMnistAtItsOwnSize(Path model, double trainedTestAccuracy) throws Exception {
        ModelManifest manifest = ModelBundle.readManifest(model);
        assertThat(manifest.imagePreprocessing()).isEqualTo(ImagePreprocessing.IMAGENET);
        assertThat(manifest.inputShape()).containsExactly(3, 32, 32);
        ArrayDataset raw = new DataPreparation().evaluationData(new DatasetSpec.Builtin("fashion-mnist", 512),
                manifest, 3);
        long[] own = {1, 28, 28};
        assertThat(raw.sampleShape()).containsExactly(own);
        float[] two = Arrays.copyOfRange(raw.features(), 0, 2 * 784);
        float[] probabilities;
        try (TrainedModel trained = TrainedModel.load(model)) {
            probabilities = trained.predictImages(two, own, 2);
            // the same as resizing first: the model does what training did to its images
            assertThat(probabilities).containsExactly(trained.predict(
                    ImagePreprocessing.IMAGENET.resize(two, 2, own, new long[] {3, 32, 32}), 2));
            var report = (dev.netwright.engine.train.metrics.ClassificationReport) trained.evaluate(raw);
            // the training run's test split, evaluated again from the raw images: the same accuracy
            assertThat(report.accuracy()).isCloseTo(trainedTestAccuracy, org.assertj.core.data.Offset.offset(1e-6));
        }
        try (Predictor predictor = Predictor.load(model)) {
            StringBuilder image = new StringBuilder("{\"input\": [[");
            for (int y = 0; y < 28; y++) {
                image.append(y == 0 ? "[" : ", [");
                for (int x = 0; x < 28; x++) {
                    image.append(x == 0 ? "" : ", ").append(two[y * 28 + x]);
                }
                image.append("]");
            }
            JsonNode body = JsonMapper.builder().build().readTree(image.append("]]}").toString());
            Prediction answer = predictor.predict(predictor.readBody(body)).get(0);
            for (int c = 0; c < 10; c++) {
                // one image here, a batch of two above: the convolutions may sum in another order
                assertThat(answer.probabilities().get(manifest.classNames().get(c)))
                        .isCloseTo(probabilities[c], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        Path csv = model.resolveSibling("two-images.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 784; j++) {
                rows.append(j == 0 ? "" : ",").append(two[i * 784 + j]);
            }
            rows.append('\n');
        }
        Files.writeString(csv, rows);
        String[] lines = cli("predict", model.toString(), "--input", csv.toString()).strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(Double.parseDouble(lines[0].split(",")[1])).isCloseTo(probabilities[0],
                org.assertj.core.data.Offset.offset(1e-5));
    }

    private static String cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = dev.netwright.engine.cli.NetwrightCli.commandLine();
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute(args)).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }

    /** Netwright's own ONNX export imports back as the same layers (same ids, parameters and outputs). */
    @ParameterizedTest
    @ValueSource(strings = {"mlp-fashion-mnist", "lenet-cnn", "residual-cnn"})
    void netwrightsOwnOnnxExportImportsBackAsTheSameLayers(String template, @TempDir Path dir) throws Exception {
        Design design = Templates.find(template).orElseThrow().design();
        CompiledNetwork network = new DesignCompiler().compile(design, true);
        float[] input;
        float[] expected;
        byte[] onnx;
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] batch = new long[network.inputShape().rank() + 1];
            batch[0] = 2;
            for (int i = 0; i < network.inputShape().rank(); i++) {
                batch[i + 1] = network.inputShape().dim(i);
            }
            network.block().initialize(manager, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(batch));
            input = new float[(int) new ai.djl.ndarray.types.Shape(batch).size()];
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < input.length; i++) {
                input[i] = random.nextFloat();
            }
            NDArray y = network.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.create(input, new ai.djl.ndarray.types.Shape(batch))), false).head();
            expected = network.outputActivation().apply(y).toFloatArray();
            onnx = new OnnxExporter().export(design, network);
        }
        OnnxImport.Result result = OnnxImport.toModelDirectory(onnx, template, dir.resolve("back"));
        var totals = new DesignAnalyzer().analyze(design).totals(); // dropout layers are left out of the import
        assertThat(result.totals().trainableParams()).isEqualTo(totals.trainableParams());
        assertThat(result.totals().nonTrainableParams()).isEqualTo(totals.nonTrainableParams());
        assertThat(result.totals().multiplyAdds()).isEqualTo(totals.multiplyAdds());
        // block instances come back as their inner layers (ids joined with '.' where ONNX names carry them)
        assertThat(weighted(result.design()).stream().map(id -> id.replace('/', '.')).sorted().toList())
                .isEqualTo(weighted(new dev.netwright.designer.block.BlockExpander().expand(design).flat()).stream()
                        .map(id -> id.replace('/', '.')).sorted().toList());
        try (TrainedModel back = TrainedModel.load(dir.resolve("back"))) {
            float[] actual = back.predictNormalised(input, 2);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    /** Ids and types of the nodes that hold weights. */
    private static java.util.Set<String> weighted(Design design) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (var n : design.nodes()) {
            if (List.of("Dense", "Conv2D", "BatchNorm").contains(n.type())) {
                out.add(n.id() + ":" + n.type());
            }
        }
        return out;
    }

    @Test
    void everyUnsupportedOperatorIsListedWithItsNodesAndNothingIsStored(@TempDir Path dir) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                .addInput(input("x", 4))
                .addNode(node("Tile", "first_tile", "x", "t1"))
                .addNode(node("Relu", "relu", "t1", "r"))
                .addNode(node("Tile", "second_tile", "r", "t2"))
                .addNode(node("Erf", "erf", "t2", "e"))
                .addNode(node("Relu", "after", "e", "y"))
                .addOutput(input("y", 4));
        byte[] onnx = model(g).toByteArray();
        Path out = dir.resolve("model");
        assertThatThrownBy(() -> OnnxImport.toModelDirectory(onnx, "bad", out))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("2 unsupported operators")
                .hasMessageContaining("Tile (2 nodes: first_tile, second_tile)")
                .hasMessageContaining("Erf (1 node: erf)")
                .hasMessageContaining("nothing was imported")
                .satisfies(e -> assertThat(((OnnxImportException) e).unsupported()).containsOnlyKeys("Erf",
                        "Tile"));
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFileThatIsNotOnnxSaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxImport.toModelDirectory("hello".getBytes(), "x", dir.resolve("m")))
                .isInstanceOf(OnnxImportException.class).hasMessageContaining("not an ONNX model");
        ModelProto old = model(GraphProto.newBuilder().addInput(input("x", 4)).addNode(node("Relu", "r", "x", "y"))
                .addOutput(input("y", 4))).toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(21)).build();
        assertThatThrownBy(() -> OnnxImport.toModelDirectory(old.toByteArray(), "x", dir.resolve("m")))
                .isInstanceOf(OnnxImportException.class).hasMessageContaining("opset 21");
    }

    private static ModelProto model(GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }

    private static NodeProto node(String op, String name, String in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addInput(in).addOutput(out).build();
    }

    private static ValueInfoProto input(String name, int features) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(
                        TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(features))))).build();
    }

    static float[] floats(Path file) throws java.io.IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
