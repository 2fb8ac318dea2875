package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.template.Templates;
import dev.netwright.engine.SequenceFixtures;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.search.Direction;
import dev.netwright.engine.search.SweepDriver;
import dev.netwright.engine.search.SweepSpec;
import dev.netwright.engine.search.Trial;
import dev.netwright.engine.api.TrainingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokeniser and window follow the design, so sweeping the Embedding's vocabSize, the Input length or a
 * forecaster's window trains each trial with its own vocabulary or windows.
 */
class SequenceSweepTest {
    @TempDir
    Path dir;

    private static TrainingSettings settings(String loss) {
        return TrainingSettings.of(Map.of("loss", loss, "optimizer", "adam", "learningRate", 3e-3, "epochs", 1,
                "batchSize", 32, "seed", 1, "validationFraction", 0.1));
    }

    @Test
    void eachTextTrialFitsItsOwnVocabularyAndLength() throws Exception {
        Path csv = SequenceFixtures.reviews(dir.resolve("reviews.csv"), 200, 6);
        SweepSpec spec = SweepSpec.fromMap(Map.of("method", "grid", "objective", "val_accuracy", "parameters",
                Map.of("embedding.vocabSize", Map.of("choice", List.of(12, 40)),
                        "input.shape", Map.of("choice", List.of(List.of(16), List.of(32))))));
        var runner = new LocalTrialRunner(new DatasetSpec.Table(csv, "label", ArrayDataset.Task.CLASSIFICATION, false),
                "val_accuracy", Direction.MAXIMIZE, dir.resolve("sweep"), RunListener.NONE);
        SweepDriver.Summary summary = new SweepDriver().run(spec, Templates.find("lstm-text-classifier").orElseThrow()
                .design(), settings("softmax-cross-entropy"), false, runner, o -> { });
        assertThat(summary.trials()).hasSize(4).allSatisfy(o -> assertThat(o.trial().state())
                .as(String.valueOf(o.result().failure())).isEqualTo(Trial.State.COMPLETED));
        for (SweepDriver.Outcome o : summary.trials()) {
            try (TrainedModel m = TrainedModel.load(dir.resolve("sweep").resolve("trial-" + o.trial().number()))) {
                int vocab = ((Number) o.trial().params().get("embedding.vocabSize")).intValue();
                int length = ((Number) ((List<?>) o.trial().params().get("input.shape")).get(0)).intValue();
                assertThat(m.manifest().text().vocabulary()).hasSizeLessThanOrEqualTo(vocab);
                assertThat(m.manifest().text().length()).isEqualTo(length);
            }
        }
    }

    @Test
    void eachForecastTrialCutsItsOwnWindows() throws Exception {
        Path csv = SequenceFixtures.series(dir.resolve("sales.csv"), 200, 12, 6);
        SweepSpec spec = SweepSpec.fromMap(Map.of("method", "grid", "objective", "val_loss", "parameters",
                Map.of("input.shape", Map.of("choice", List.of(List.of(12, 1), List.of(24, 1))))));
        var runner = new LocalTrialRunner(new DatasetSpec.Series(csv, new SeriesSettings(List.of("sales"), List.of(),
                null, null, null, 0)), "val_loss", Direction.MINIMIZE, dir.resolve("sweep"), RunListener.NONE);
        SweepDriver.Summary summary = new SweepDriver().run(spec, Templates.find("lstm-forecaster").orElseThrow()
                .design(), settings("mse"), true, runner, o -> { });
        assertThat(summary.trials()).hasSize(2).allSatisfy(o -> assertThat(o.trial().state())
                .as(String.valueOf(o.result().failure())).isEqualTo(Trial.State.COMPLETED));
        for (SweepDriver.Outcome o : summary.trials()) {
            try (TrainedModel m = TrainedModel.load(dir.resolve("sweep").resolve("trial-" + o.trial().number()))) {
                int window = ((Number) ((List<?>) o.trial().params().get("input.shape")).get(0)).intValue();
                assertThat(m.manifest().series().window()).isEqualTo(window);
            }
        }
    }
}
