package dev.netwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.cli.NetwrightCli;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainedModel;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training run leaves model.onnx in its model folder (the generator's for a GAN); the CLI writes one too. */
class ModelDirectoryExportTest {
    @TempDir
    Path dir;

    private static TrainingConfig config() {
        return TrainingConfig.builder().optimizer(OptimizerKind.ADAM, 1e-2).epochs(1).batchSize(32).seed(5).build();
    }

    @Test
    void supervisedRunWritesAnOnnxFileThatMatchesTheSavedModel() throws Exception {
        Design mlp = DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(4))
                .then("hidden", "Dense", "units", 8, "activation", "relu")
                .then("out", "Dense", "units", 3, "activation", "softmax").build();
        Path model = dir.resolve("iris");
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(mlp, new DatasetSpec.Builtin("iris", 0),
                config()), RunListener.NONE, model, new CancellationFlag());
        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(model.resolve(OnnxExporter.FILE)).isRegularFile();
        assertMatches(model, model.resolve(OnnxExporter.FILE), new long[] {2, 4});

        Path out = dir.resolve("copy.onnx");
        assertThat(NetwrightCli.commandLine().execute("export", model.toString(), "--out", out.toString())).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(model.resolve(OnnxExporter.FILE)));
        assertThat(NetwrightCli.commandLine().execute("export", dir.resolve("missing").toString())).isEqualTo(2);
    }

    @Test
    void ganRunWritesTheGeneratorAsOnnx() throws Exception {
        Path model = dir.resolve("gan");
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(Templates.find("mlp-gan-2d").orElseThrow()
                .design(), new DatasetSpec.Builtin("gaussian-mixture", 256), config()), RunListener.NONE, model,
                new CancellationFlag());
        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertMatches(model, model.resolve(OnnxExporter.FILE), new long[] {3, 8});
    }

    /** The ONNX file gives the saved network's outputs (after its output activation) on the same raw input. */
    private static void assertMatches(Path modelDir, Path onnx, long[] shape) throws Exception {
        float[] input = new float[(int) (shape[0] * shape[1])];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i);
        }
        float[] expected;
        try (TrainedModel model = TrainedModel.load(modelDir); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(input, new Shape(shape));
            NDArray y = model.block().forward(new ParameterStore(m, false), new NDList(x), false).head();
            expected = model.manifest().outputActivation().apply(y).toFloatArray();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString());
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            FloatBuffer actual = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual.get(i)).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
