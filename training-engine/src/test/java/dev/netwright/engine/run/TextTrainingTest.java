package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.SequenceFixtures;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.text.TextEncoding;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.ClassificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users' own text, end to end: a review CSV through the text templates, saved, reloaded and asked raw text. */
class TextTrainingTest {
    @TempDir
    Path dir;

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY).optimizer(OptimizerKind.ADAM, 1e-3)
                .epochs(epochs).batchSize(32).seed(5).validationFraction(0.1).build();
    }

    @Test
    void theTransformerTemplateLearnsReviewsAndPredictsRawText() throws Exception {
        Path csv = SequenceFixtures.reviews(dir.resolve("reviews.csv"), 700, 1);
        Design design = Templates.find("text-classifier").orElseThrow().design();
        List<String> notes = new ArrayList<>();
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Table(csv, "label",
                ArrayDataset.Task.CLASSIFICATION, false), config(10)), new RunListener() {
                    @Override
                    public void onMessage(String message) {
                        notes.add(message);
                    }
                }, dir.resolve("model"), new CancellationFlag());
        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        ClassificationReport test = (ClassificationReport) outcome.supervised().orElseThrow().test().orElseThrow();
        assertThat(test.accuracy()).as("test accuracy").isGreaterThan(0.85);
        // the bag-of-words linear baseline scores the same test split
        assertThat(outcome.baseline().orElseThrow().metricName()).isEqualTo("accuracy");
        assertThat(outcome.baseline().orElseThrow().value()).isGreaterThan(0.7);
        assertThat(String.join("\n", notes)).contains("text column 'review'").contains("median")
                .contains("vocabulary").contains("tokens unknown");

        Path model = outcome.modelDir().orElseThrow();
        List<String> vocabulary = Files.readAllLines(model.resolve(ModelBundle.VOCABULARY));
        assertThat(vocabulary.subList(0, 2)).containsExactly(TextEncoding.PAD, TextEncoding.UNKNOWN);
        assertThat(vocabulary).contains("great", "terrible", "!");
        assertThat(Files.readString(model.resolve("README.md"))).contains("column `review`")
                .contains("word tokens").contains("at the end").contains("64 tokens");
        assertThat(model.resolve("model.onnx")).isRegularFile();
        try (TrainedModel trained = TrainedModel.load(model)) {
            assertThat(trained.manifest().text().column()).isEqualTo("review");
            float[] p = trained.predictTexts(List.of("I love it, excellent and wonderful!",
                    "Terrible, broken after a week. Awful."));
            List<String> classes = trained.manifest().classNames();
            assertThat(classes.get(p[0] > p[1] ? 0 : 1)).isEqualTo("positive");
            assertThat(classes.get(p[2] > p[3] ? 0 : 1)).isEqualTo("negative");
            // evaluating the saved model on a fresh file tokenises with the saved vocabulary
            Path fresh = SequenceFixtures.reviews(dir.resolve("fresh.csv"), 200, 99);
            ArrayDataset data = new DataPreparation().evaluationData(new DatasetSpec.Table(fresh, "label",
                    ArrayDataset.Task.CLASSIFICATION, false), trained.manifest(), 1);
            assertThat(((ClassificationReport) trained.evaluate(data)).accuracy()).isGreaterThan(0.85);
        }
    }

    @Test
    void theLstmVariantTrainsOnTheSameData() throws Exception {
        Path csv = SequenceFixtures.reviews(dir.resolve("reviews.csv"), 500, 2);
        Design design = Templates.find("lstm-text-classifier").orElseThrow().design();
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Text(csv, "label",
                ArrayDataset.Task.CLASSIFICATION, new dev.netwright.engine.data.text.TextSettings("review",
                dev.netwright.engine.data.text.TokenLevel.WORD)), config(6)), RunListener.NONE, dir.resolve("lstm"),
                new CancellationFlag());
        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        var history = outcome.supervised().orElseThrow().history();
        assertThat(history.get(history.size() - 1).train().loss()).isLessThan(history.get(0).train().loss());
        try (TrainedModel trained = TrainedModel.load(outcome.modelDir().orElseThrow())) {
            assertThat(trained.manifest().text().padding()).isEqualTo(dev.netwright.engine.data.text.Padding.FRONT);
        }
    }

    @Test
    void textForADesignWithoutAnEmbeddingNamesTheFix() throws Exception {
        Path csv = SequenceFixtures.reviews(dir.resolve("reviews.csv"), 50, 3);
        Design mlp = Templates.find("mlp-fashion-mnist").orElseThrow().design();
        assertThatThrownBy(() -> new TrainingRun().execute(new RunRequest(mlp, new DatasetSpec.Table(csv, "label",
                ArrayDataset.Task.CLASSIFICATION, false), config(1)), RunListener.NONE, dir.resolve("m"),
                new CancellationFlag())).isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'review'").hasMessageContaining("holds free text")
                .hasMessageContaining("Embedding").hasMessageContaining("text-classifier template");
    }
}
