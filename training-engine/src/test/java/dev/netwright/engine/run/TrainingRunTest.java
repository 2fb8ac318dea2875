package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.RegressionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
    @TempDir
    Path dir;

    private static Design mlp(int inputs, int outputs, String activation) {
        return DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(inputs))
                .then("hidden", "Dense", "units", 16, "activation", "relu")
                .then("out", "Dense", "units", outputs, "activation", activation).build();
    }

    private static TrainingConfig.Builder base() {
        return TrainingConfig.builder().optimizer(OptimizerKind.ADAM, 1e-2).epochs(4).batchSize(32).seed(5);
    }

    @Test
    void tabularRunNormalisesOnTrainingDataReportsTheBaselineAndSavesEverything() throws Exception {
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(mlp(30, 2, "softmax"),
                new DatasetSpec.Builtin("breast-cancer", 0), base().build()), RunListener.NONE, dir,
                new CancellationFlag());
        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(outcome.baseline()).hasValueSatisfying(b -> assertThat(b.value()).isGreaterThan(0.9));
        for (String file : List.of("model.json", "design.json", "config.json", "metrics.json", "README.md")) {
            assertThat(dir.resolve(file)).isRegularFile();
        }
        assertThat(Files.readString(dir.resolve("README.md"))).contains("Total params").contains("breast-cancer");
        try (TrainedModel model = TrainedModel.load(dir)) {
            assertThat(model.manifest().normaliser()).isNotNull();
            assertThat(model.manifest().classNames()).hasSize(2);
            float[] probabilities = model.predict(new float[30], 1);
            assertThat(probabilities[0] + probabilities[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void regressionOnDiabetes() throws Exception {
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(mlp(10, 1, "linear"),
                new DatasetSpec.Builtin("diabetes", 0), base().loss(LossKind.MSE).epochs(30).build()),
                RunListener.NONE, dir, new CancellationFlag());
        RegressionReport report = (RegressionReport) outcome.supervised().orElseThrow().test().orElseThrow();
        assertThat(report.r2()).isGreaterThan(0.2);
    }

    @Test
    void csvTableWithMissingValuesFailsUnlessImputed() throws Exception {
        Path csv = dir.resolve("points.csv");
        StringBuilder s = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 120; i++) {
            double x = (i % 12) / 12.0;
            s.append(i == 5 ? "" : String.valueOf(x)).append(',').append(i % 7).append(',')
                    .append(x > 0.5 ? "high" : "low").append('\n');
        }
        Files.writeString(csv, s);
        RunRequest strict = new RunRequest(mlp(2, 2, "softmax"),
                new DatasetSpec.Table(csv, "label", ArrayDataset.Task.CLASSIFICATION, false), base().build());
        assertThatThrownBy(() -> new TrainingRun().execute(strict, RunListener.NONE, dir.resolve("a"),
                new CancellationFlag())).hasMessageContaining("points.csv").hasMessageContaining("line 7");
        RunRequest imputed = new RunRequest(mlp(2, 2, "softmax"),
                new DatasetSpec.Table(csv, "label", ArrayDataset.Task.CLASSIFICATION, true), base().build());
        assertThat(new TrainingRun().execute(imputed, RunListener.NONE, dir.resolve("b"), new CancellationFlag())
                .status()).isEqualTo(TrainingStatus.COMPLETED);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        RunRequest request = new RunRequest(mlp(5, 2, "softmax"), new DatasetSpec.Builtin("iris", 0), base().build());
        assertThatThrownBy(() -> new TrainingRun().execute(request, RunListener.NONE, dir, new CancellationFlag()))
                .hasMessageContaining("[4]").hasMessageContaining("[5]");
    }

    @Test
    void warmStartCopiesWeightsAndFrozenNodesStayFixed() throws Exception {
        Path first = dir.resolve("first");
        new TrainingRun().execute(new RunRequest(mlp(4, 3, "softmax"), new DatasetSpec.Builtin("iris", 0),
                base().build()), RunListener.NONE, first, new CancellationFlag());
        Path second = dir.resolve("second");
        List<String> messages = new java.util.ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        };
        new TrainingRun().execute(new RunRequest(mlp(4, 3, "softmax"), new DatasetSpec.Builtin("iris", 0),
                base().build(), NormalisationChoice.AUTO, Optional.of(first), Set.of("hidden")), listener, second,
                new CancellationFlag());
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("copied [hidden, out]"));
        try (TrainedModel a = TrainedModel.load(first); TrainedModel b = TrainedModel.load(second)) {
            float[] wa = a.block().nodeBlocks().get("hidden").getParameters().get(0).getValue().getArray().toFloatArray();
            float[] wb = b.block().nodeBlocks().get("hidden").getParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(wb).containsExactly(wa);
            float[] oa = a.block().nodeBlocks().get("out").getParameters().get(0).getValue().getArray().toFloatArray();
            float[] ob = b.block().nodeBlocks().get("out").getParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(ob).isNotEqualTo(oa);
        }
    }

    @Test
    void imageAugmentationTrainsImagesAndIsRefusedForTables() throws Exception {
        var augmentation = new dev.netwright.engine.data.prep.Augmentation(true, 2, 0.05f);
        RunRequest images = new RunRequest(dev.netwright.designer.template.Templates.find("lenet-cnn").orElseThrow()
                .design(), new DatasetSpec.Builtin("fashion-mnist", 200),
                base().loss(LossKind.SOFTMAX_CROSS_ENTROPY).epochs(1).augmentation(augmentation).build());
        assertThat(new TrainingRun().execute(images, RunListener.NONE, dir.resolve("img"), new CancellationFlag())
                .status()).isEqualTo(TrainingStatus.COMPLETED);
        RunRequest table = new RunRequest(mlp(4, 3, "softmax"), new DatasetSpec.Builtin("iris", 0),
                base().augmentation(augmentation).build());
        assertThatThrownBy(() -> new TrainingRun().execute(table, RunListener.NONE, dir.resolve("t"),
                new CancellationFlag())).hasMessageContaining("image augmentation needs image samples");
    }

    @Test
    void lossThatContradictsTheOutputIsRefused() {
        RunRequest request = new RunRequest(mlp(4, 3, "softmax"), new DatasetSpec.Builtin("iris", 0),
                base().loss(LossKind.BINARY_CROSS_ENTROPY).build());
        assertThatThrownBy(() -> new TrainingRun().execute(request, RunListener.NONE, dir, new CancellationFlag()))
                .hasMessageContaining("binary cross-entropy needs a sigmoid");
    }

    /** Freezing is not stored in checkpoints: a resumed run (a worker took the run over) must freeze again. */
    @Test
    void aResumedRunKeepsTheDesignsFrozenNodesFrozen() throws Exception {
        Design d = mlp(30, 2, "softmax");
        Design frozen = d.withNodes(d.nodes().stream().map(n -> n.id().equals("hidden") ? n.withFrozen(true) : n)
                .toList());
        DatasetSpec data = new DatasetSpec.Builtin("breast-cancer", 0);
        RunOutcome first = new TrainingRun().execute(new RunRequest(frozen, data, base().epochs(1).build()),
                RunListener.NONE, dir, new CancellationFlag());
        assertThat(first.status()).isEqualTo(TrainingStatus.COMPLETED);
        float[] hidden = weights(dir, "hidden");
        float[] out = weights(dir, "out");
        RunOutcome resumed = new TrainingRun().resume(new RunRequest(frozen, data, base().epochs(3).build()),
                RunListener.NONE, dir, new CancellationFlag());
        assertThat(resumed.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(weights(dir, "hidden")).as("frozen node after resuming").containsExactly(hidden);
        assertThat(weights(dir, "out")).as("trainable node after resuming").isNotEqualTo(out);
    }

    private static float[] weights(Path modelDir, String nodeId) {
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            return model.block().nodeBlocks().get(nodeId).getParameters().get(0).getValue().getArray().toFloatArray();
        }
    }
}
