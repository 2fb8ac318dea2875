package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.api.InvalidSettingException;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.ClassWeighting;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.ClassMetrics;
import dev.netwright.engine.train.metrics.ClassificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Balanced class weights on imbalanced labels: the rare class is found more often, and bad values are refused. */
class ClassWeightsTest {
    @TempDir
    Path dir;

    /** 5% "rare" points around (1, 1), the rest "common" around (0, 0): overlapping clouds. */
    private static Path imbalanced(Path file) throws Exception {
        Random r = new Random(3);
        StringBuilder s = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 2000; i++) {
            boolean rare = r.nextDouble() < 0.05;
            double c = rare ? 1.2 : 0;
            s.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", c + r.nextGaussian(), c + r.nextGaussian(),
                    rare ? "rare" : "common"));
        }
        Files.writeString(file, s);
        return file;
    }

    private static Design mlp() {
        return DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 16, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build();
    }

    private ClassMetrics rare(ClassWeighting weighting, List<String> notes) throws Exception {
        Path csv = imbalanced(dir.resolve("points-" + weighting + ".csv"));
        TrainingConfig config = TrainingSettings.DEFAULTS.with("classWeights", weighting).with("epochs", 8)
                .with("learningRate", 0.01).toConfig(false);
        Path out = dir.resolve("model-" + weighting);
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(mlp(), new DatasetSpec.Table(csv, "label",
                ArrayDataset.Task.CLASSIFICATION, false), config), new RunListener() {
                    @Override
                    public void onMessage(String message) {
                        notes.add(message);
                    }
                }, out, new CancellationFlag());
        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        ClassificationReport test = (ClassificationReport) outcome.supervised().orElseThrow().test().orElseThrow();
        assertThat(Files.readString(outcome.modelDir().orElseThrow().resolve("README.md")))
                .contains("class weights: " + TrainingSettings.id(weighting));
        return test.perClass().stream().filter(c -> c.className().equals("rare")).findFirst().orElseThrow();
    }

    @Test
    void balancedWeightsRaiseTheRareClassRecall() throws Exception {
        List<String> plain = new ArrayList<>();
        List<String> weighted = new ArrayList<>();
        ClassMetrics none = rare(ClassWeighting.NONE, plain);
        ClassMetrics balanced = rare(ClassWeighting.BALANCED, weighted);
        System.out.printf(Locale.ROOT, "rare-class test recall: none %.3f, balanced %.3f; precision %.3f, %.3f%n",
                none.recall(), balanced.recall(), none.precision(), balanced.precision());
        // unweighted, predicting "common" almost always is nearly optimal; weighted, the rare class counts as much
        assertThat(balanced.recall()).as("rare recall balanced %s vs none %s", balanced, none)
                .isGreaterThan(none.recall() + 0.3);
        assertThat(String.join("\n", weighted)).contains("class weights (balanced): common 0.5")
                .containsPattern("rare (9|1\\d)\\.\\d+ \\(\\d+ samples\\)");
        assertThat(String.join("\n", plain)).doesNotContain("class weights");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("classWeights", "heavy")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'classWeights' has an unknown value 'heavy' (none, balanced)");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("classWeights", "balanced", "loss", "mse")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'classWeights' are for classification only").hasMessageContaining("mse");
        // the loss left to the task: refused once the task (values) is known
        TrainingSettings byTask = TrainingSettings.of(Map.of("classWeights", "balanced"));
        assertThatThrownBy(() -> byTask.toConfig(true)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'classWeights' are for classification only");
        assertThat(byTask.toConfig(false).classWeights()).isEqualTo(ClassWeighting.BALANCED);
        assertThat(TrainingSettings.DEFAULTS.classWeights()).isEqualTo(ClassWeighting.NONE);
        assertThat(TrainingSettings.DEFAULTS.toMap()).containsEntry("classWeights", "none");
    }
}
