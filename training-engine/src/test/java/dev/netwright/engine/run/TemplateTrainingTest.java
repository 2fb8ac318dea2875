package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.GanResult;
import dev.netwright.engine.train.TrainingResult;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.ClassificationReport;
import dev.netwright.engine.train.metrics.EpochMetrics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains every template briefly on small data through the whole run (data preparation, compile, train, save):
 * the loss falls, the saved model reloads and scores exactly what the run reported, GANs run.
 */
class TemplateTrainingTest {
    @TempDir
    Path dir;

    private static TrainingConfig config(int epochs, int batch, double lr) {
        return TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY).optimizer(OptimizerKind.ADAM, lr)
                .epochs(epochs).batchSize(batch).seed(7).validationFraction(0.1).build();
    }

    private RunOutcome train(String template, String dataset, int limit, TrainingConfig config) throws Exception {
        return train(template, dataset, limit, config, RunListener.NONE);
    }

    private RunOutcome train(String template, String dataset, int limit, TrainingConfig config, RunListener listener)
            throws Exception {
        Design design = Templates.find(template).orElseThrow().design();
        RunRequest request = new RunRequest(design, new DatasetSpec.Builtin(dataset, limit), config);
        return new TrainingRun().execute(request, listener, dir.resolve(template), new CancellationFlag());
    }

    /** The loss fell, the model was saved, and reloading it reproduces the run's test accuracy exactly. */
    private void checkSupervised(String template, RunOutcome outcome, String dataset, int limit) {
        assertThat(outcome.status()).as(template).isEqualTo(TrainingStatus.COMPLETED);
        TrainingResult result = outcome.supervised().orElseThrow();
        List<EpochMetrics> history = result.history();
        assertThat(history.get(history.size() - 1).train().loss()).as(template + " training loss falls")
                .isLessThan(history.get(0).train().loss());
        ClassificationReport reported = (ClassificationReport) result.test().orElseThrow();
        try (TrainedModel model = TrainedModel.load(outcome.modelDir().orElseThrow())) {
            var test = new DataPreparation().evaluationData(new DatasetSpec.Builtin(dataset, limit),
                    model.manifest().inputShape(), 7);
            ClassificationReport reloaded = (ClassificationReport) model.evaluate(test);
            assertThat(reloaded.samples()).isEqualTo(reported.samples());
            assertThat(reloaded.accuracy()).as(template + " reloaded accuracy").isEqualTo(reported.accuracy());
        }
        checkPredictionSamples(template, outcome.modelDir().orElseThrow(), reported, dataset.equals("fashion-mnist"));
    }

    /** The saved model shows right and wrong test predictions, mistakes first, pictures for image data. */
    private static void checkPredictionSamples(String template, java.nio.file.Path modelDir,
                                               ClassificationReport reported, boolean images) {
        java.nio.file.Path dir = modelDir.resolve(PredictionSamples.DIR);
        tools.jackson.databind.JsonNode index = tools.jackson.databind.json.JsonMapper.shared()
                .readTree(dir.resolve(PredictionSamples.INDEX).toFile());
        tools.jackson.databind.JsonNode samples = index.get("samples");
        assertThat(samples.size()).as(template).isBetween(1, 16);
        int wrong = index.get("wrongOfScanned").asInt();
        long shownWrong = 0;
        for (tools.jackson.databind.JsonNode s : samples) {
            boolean correct = s.get("correct").asBoolean();
            assertThat(correct).isEqualTo(s.get("label").asString().equals(s.get("predicted").asString()));
            assertThat(s.get("confidence").asDouble()).isBetween(0.0, 1.0);
            shownWrong += correct ? 0 : 1;
            if (images) {
                assertThat(dir.resolve(s.get("image").asString())).as(template + " picture").isRegularFile();
            } else {
                assertThat(s.get("image").isNull()).isTrue();
            }
        }
        assertThat(shownWrong).as(template + ": mistakes shown first, up to half")
                .isEqualTo(Math.min(wrong, samples.size() / 2));
        if (index.get("scanned").asInt() == reported.samples()) {
            assertThat(wrong).isEqualTo(Math.round((1 - reported.accuracy()) * reported.samples()));
        }
    }

    @Test
    void mlpOnFashionMnist() throws Exception {
        checkSupervised("mlp-fashion-mnist", train("mlp-fashion-mnist", "fashion-mnist", 600, config(3, 32, 1e-3)),
                "fashion-mnist", 600);
    }

    @Test
    void convolutionalTemplates() throws Exception {
        for (String t : List.of("lenet-cnn", "residual-cnn")) {
            checkSupervised(t, train(t, "fashion-mnist", 300, config(3, 32, 2e-3)), "fashion-mnist", 300);
        }
    }

    @Test
    void recurrentTemplates() throws Exception {
        checkSupervised("lstm-classifier", train("lstm-classifier", "fashion-mnist", 300, config(3, 32, 3e-3)),
                "fashion-mnist", 300);
        checkSupervised("gru-classifier", train("gru-classifier", "sine-sequences", 300, config(3, 32, 5e-3)),
                "sine-sequences", 300);
    }

    @Test
    void transformerTemplate() throws Exception {
        checkSupervised("transformer-classifier",
                train("transformer-classifier", "token-sequences", 400, config(3, 32, 2e-3)), "token-sequences", 400);
    }

    @Test
    void mlpGanRunsAndSavesAGenerator() throws Exception {
        checkGan("mlp-gan-2d", "gaussian-mixture", 512, 3);
    }

    /**
     * With DJL's fused batch norm this generator diverged in its second batch for some seeds (fixed by
     * {@code ChannelBatchNorm}). The later report of a NaN in about one run in fifteen did not reproduce: each seed
     * gives bit-identical losses run after run, also with glibc filling fresh memory with garbage
     * (MALLOC_PERTURB_), with one or two engine threads and after the whole module's other tests in the same JVM;
     * and no run diverged beside another training thread either (which makes runs differ: the engine's random
     * generator is process-wide). See docs/training.md for the counts.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5})
    void dcganRunsAndSavesAGenerator(int seed) throws Exception {
        checkGan("dcgan-28", "fashion-mnist", 256, seed);
    }

    private void checkGan(String template, String dataset, int limit, int seed) throws Exception {
        // each epoch's picture also reaches the listener (workers upload it while the run goes)
        java.util.Map<Integer, byte[]> pictures = new java.util.TreeMap<>();
        RunOutcome outcome = train(template, dataset, limit,
                TrainingConfig.builder().optimizer(OptimizerKind.ADAM, 2e-4).epochs(2).batchSize(32).seed(seed).build(),
                new RunListener() {
                    @Override
                    public void onSamplePicture(int epoch, byte[] png) {
                        pictures.put(epoch, png);
                    }
                });
        assertThat(pictures).as(template + " reports each epoch's picture").containsOnlyKeys(1, 2);
        assertThat(pictures.get(2)).isEqualTo(java.nio.file.Files.readAllBytes(outcome.modelDir().orElseThrow()
                .resolve("samples").resolve("epoch-002.png")));
        assertThat(outcome.status()).as(template).isEqualTo(TrainingStatus.COMPLETED);
        GanResult result = outcome.gan().orElseThrow();
        assertThat(result.history()).hasSize(2).allSatisfy(m -> {
            assertThat(m.discriminatorLoss()).isFinite();
            assertThat(m.generatorLoss()).isFinite();
        });
        assertThat(outcome.modelDir().orElseThrow().resolve("samples").resolve("epoch-002.png"))
                .as(template + " writes a picture of each epoch's samples").isRegularFile();
        try (TrainedModel generator = TrainedModel.load(outcome.modelDir().orElseThrow())) {
            int latent = (int) generator.manifest().inputShape()[0];
            float[] samples = generator.predict(new float[3 * latent], 3);
            long width = 1;
            for (long d : generator.manifest().outputShape()) {
                width *= d;
            }
            assertThat(samples).hasSize((int) (3 * width));
        }
    }
}
