package dev.netwright.backend.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.netwright.designer.learn.ForwardInspector;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainedModel;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.EngineSupport;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights read from a real trained model give the inspector the same outputs as the DJL network. */
class TrainedWeightsTest {
    @TempDir
    Path dir;

    @Test
    void inspectorWithTrainedWeightsMatchesTheNetwork() throws Exception {
        Design mlp = DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 4, "activation", "tanh")
                .then("out", "Dense", "units", 2, "activation", "softmax").build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.ADAM, 1e-2).epochs(1).batchSize(32)
                .seed(5).build();
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(mlp, new DatasetSpec.Builtin("moons", 200),
                config), RunListener.NONE, dir.resolve("model"), new CancellationFlag());
        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        Path modelDir = outcome.modelDir().orElseThrow();

        TrainedWeights.Loaded loaded = TrainedWeights.read(modelDir);
        assertThat(loaded.weights().keySet()).containsExactlyInAnyOrder("hidden", "out");
        assertThat(loaded.weights().get("hidden").weights()).hasDimensions(4, 2);
        assertThat(loaded.weights().get("out").bias()).hasSize(2);

        double[] x = {0.3, -0.7};
        double[] inspected = ForwardInspector.run(loaded.design(), loaded.weights(), x).getLast().output();
        try (TrainedModel model = TrainedModel.load(modelDir);
             NDManager manager = NDManager.newBaseManager(EngineSupport.device())) {
            float[] logits = model.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.create(new float[] {0.3f, -0.7f}, new Shape(1, 2))), false)
                    .singletonOrThrow().softmax(1).toFloatArray();
            assertThat(inspected[0]).isCloseTo(logits[0], within(1e-5));
            assertThat(inspected[1]).isCloseTo(logits[1], within(1e-5));
        }

        // the design the server stored for the run wins over a design.json a worker put in the artifact
        java.nio.file.Files.writeString(modelDir.resolve("design.json"), new dev.netwright.designer.format.DesignJson()
                .write(DesignBuilder.named("not trained").node("in", "Input", "shape", List.of(2))
                        .then("hidden", "Dense", "units", 3, "activation", "tanh")
                        .then("out", "Dense", "units", 2, "activation", "softmax").build()));
        assertThat(TrainedWeights.read(modelDir).design().node("hidden").orElseThrow().params().get("units"))
                .as("what the artifact claims").isEqualTo(3);
        TrainedWeights.Loaded stored = TrainedWeights.read(modelDir, mlp);
        assertThat(stored.design().node("hidden").orElseThrow().params().get("units")).isEqualTo(4);
        assertThat(stored.weights().get("hidden").weights()).isDeepEqualTo(loaded.weights().get("hidden").weights());
    }
}
