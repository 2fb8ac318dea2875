package dev.netwright.engine.train;

import ai.djl.ndarray.types.Shape;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.config.EarlyStoppingConfig;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.ClassificationReport;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.RegressionReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisedTrainerTest {
    private static final Shape TWO = new Shape(2);

    @TempDir
    Path dir;

    private static TrainingConfig.Builder moonsConfig() {
        return TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY).optimizer(OptimizerKind.ADAM, 0.02)
                .epochs(25).batchSize(32).seed(7).validationFraction(0.2);
    }

    private static TrainingConfig.Builder linearConfig() {
        return TrainingConfig.builder().loss(LossKind.MSE).optimizer(OptimizerKind.SGD, 0.1).epochs(20)
                .batchSize(16).seed(3).validationFraction(0.2);
    }

    private static TrainingData moons() {
        return TrainingData.of(TestData.twoMoons(400, 0.2, 1), null, TestData.twoMoons(200, 0.2, 2));
    }

    private static TrainingData linear() {
        return TrainingData.of(TestData.linear(300, 0.05, 1), null, TestData.linear(100, 0.05, 2));
    }

    @Test
    void mlpLearnsTwoMoonsAboveNinetyPercent() throws Exception {
        RecordingListener listener = new RecordingListener();
        TrainingResult result = new SupervisedTrainer(moonsConfig().build(), listener)
                .train(Nets.mlp(2, 32, 32), TWO, moons(), dir, new CancellationFlag());

        assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
        ClassificationReport report = (ClassificationReport) result.test().orElseThrow();
        assertThat(report.accuracy()).isGreaterThan(0.9);
        assertThat(report.samples()).isEqualTo(200);
        assertThat(report.perClass()).extracting(c -> c.className()).containsExactly("upper", "lower");
        assertThat(report.perClass()).allSatisfy(c -> assertThat(c.f1()).isGreaterThan(0.85));
        long diagonal = report.confusion().count(0, 0) + report.confusion().count(1, 1);
        assertThat(diagonal).isEqualTo(Math.round(report.accuracy() * 200));
        // Listener saw every batch (320 training samples / 32) and epoch, with validation metrics.
        assertThat(listener.batches).hasSize(25 * 10);
        assertThat(listener.epochs).hasSize(25);
        EpochMetrics last = listener.epochs.get(24);
        assertThat(last.validation()).isPresent();
        assertThat(last.validation().get().accuracy().getAsDouble()).isGreaterThan(0.85);
        assertThat(last.train().loss()).isLessThan(listener.epochs.get(0).train().loss());
        assertThat(last.eta()).isZero();
        assertThat(listener.batches).allSatisfy(b -> assertThat(b.samplesPerSecond()).isPositive());
        assertThat(listener.evaluations).containsExactly(report);
        assertThat(Files.list(result.bestCheckpoint()).map(p -> p.getFileName().toString()).toList())
                .anyMatch(n -> n.startsWith("model-") && n.endsWith(".params"));
    }

    @Test
    void linearRegressionReachesLowError() {
        TrainingResult result = new SupervisedTrainer(linearConfig().build(), TrainingListener())
                .train(Nets.mlp(1), TWO, linear(), dir, new CancellationFlag());

        RegressionReport report = (RegressionReport) result.test().orElseThrow();
        assertThat(report.rmse()).isLessThan(0.1);
        assertThat(report.mae()).isLessThan(0.08);
        assertThat(report.r2()).isGreaterThan(0.99);
        assertThat(result.history().get(result.history().size() - 1).validation().orElseThrow().rmse()
                .getAsDouble()).isLessThan(0.1);
    }

    @Test
    void sameSeedGivesIdenticalLossesAndOtherSeedDoesNot() {
        List<Double> a = batchLosses(moonsConfig().epochs(3).build(), dir.resolve("a"));
        List<Double> b = batchLosses(moonsConfig().epochs(3).build(), dir.resolve("b"));
        List<Double> c = batchLosses(moonsConfig().epochs(3).seed(8).build(), dir.resolve("c"));
        assertThat(a).hasSize(30).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    private static List<Double> batchLosses(TrainingConfig config, Path checkpoints) {
        RecordingListener listener = new RecordingListener();
        new SupervisedTrainer(config, listener).train(Nets.mlp(2, 16), TWO, moons(), checkpoints,
                new CancellationFlag());
        return listener.batches.stream().map(BatchMetrics::loss).toList();
    }

    @Test
    void earlyStoppingStopsWhenTheMetricStalls() {
        // A min delta no epoch can beat: only the first epoch counts as an improvement.
        TrainingConfig config = linearConfig().epochs(20)
                .earlyStopping(EarlyStoppingConfig.on(MonitoredMetric.VAL_LOSS, 2, 1e9)).build();
        RecordingListener listener = new RecordingListener();
        TrainingResult result = new SupervisedTrainer(config, listener)
                .train(Nets.mlp(1), TWO, linear(), dir, new CancellationFlag());

        assertThat(result.status()).isEqualTo(TrainingStatus.EARLY_STOPPED);
        assertThat(result.epochsCompleted()).isEqualTo(3);
        assertThat(result.bestEpoch()).isEqualTo(1);
        assertThat(listener.epochs).hasSize(3);
        assertThat(listener.messages).anyMatch(m -> m.startsWith("early stopping after epoch 3"));
        assertThat(result.test()).isPresent();
    }

    @Test
    void hugeLearningRateDivergesWithExactMessage() {
        TrainingConfig config = linearConfig().optimizer(OptimizerKind.SGD, 1e4).epochs(5).build();
        TrainingResult result = new SupervisedTrainer(config, TrainingListener())
                .train(Nets.mlp(1, 8), TWO, linear(), dir, new CancellationFlag());

        assertThat(result.status()).isEqualTo(TrainingStatus.DIVERGED);
        assertThat(result.failure()).hasValueSatisfying(m ->
                assertThat(m).matches("diverged at epoch [1-5] batch \\d+, try a lower learning rate"));
        assertThat(result.test()).isEmpty();
    }

    @Test
    void resumedRunContinuesExactlyLikeAnUninterruptedOne() throws Exception {
        TrainingConfig four = moonsConfig().epochs(4).build();
        RecordingListener full = new RecordingListener();
        new SupervisedTrainer(four, full).train(Nets.mlp(2, 16), TWO, moons(), dir.resolve("full"),
                new CancellationFlag());

        Path resumed = dir.resolve("resumed");
        new SupervisedTrainer(moonsConfig().epochs(2).build(), TrainingListener())
                .train(Nets.mlp(2, 16), TWO, moons(), resumed, new CancellationFlag());
        assertThat(new CheckpointStore(resumed).readState(CheckpointStore.Slot.LAST).orElseThrow()
                .epochsCompleted()).isEqualTo(2);
        assertThat(Files.exists(resumed.resolve("last/optimizer.ndlist"))).isTrue();

        RecordingListener second = new RecordingListener();
        TrainingResult result = new SupervisedTrainer(four, second)
                .resume(Nets.mlp(2, 16), TWO, moons(), resumed, new CancellationFlag());

        assertThat(result.epochsCompleted()).isEqualTo(4);
        assertThat(second.epochs).extracting(EpochMetrics::epoch).containsExactly(3, 4);
        assertThat(second.messages).contains("resumed after epoch 2");
        // Parameters, Adam moments, step counters and shuffling all restored: same losses as without a break.
        assertThat(second.batches.stream().map(BatchMetrics::loss).toList())
                .isEqualTo(full.batches.subList(20, 40).stream().map(BatchMetrics::loss).toList());
    }

    @Test
    void cancellationStopsWithinTheNextBatch() {
        CancellationFlag cancel = new CancellationFlag();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onBatch(BatchMetrics metrics) {
                super.onBatch(metrics);
                if (metrics.epoch() == 2 && metrics.batch() == 3) {
                    cancel.cancel();
                }
            }
        };
        TrainingResult result = new SupervisedTrainer(moonsConfig().build(), listener)
                .train(Nets.mlp(2, 16), TWO, moons(), dir, cancel);

        assertThat(result.status()).isEqualTo(TrainingStatus.CANCELLED);
        assertThat(result.epochsCompleted()).isEqualTo(1);
        assertThat(listener.batches).hasSize(10 + 3);
        assertThat(result.test()).isEmpty();
    }

    @Test
    void rejectsALossThatDoesNotFitTheData() {
        TrainingConfig config = linearConfig().build();
        ArrayDataset moons = TestData.twoMoons(50, 0.1, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SupervisedTrainer(config, TrainingListener())
                        .train(Nets.mlp(2), TWO, TrainingData.of(moons, null, null), dir, new CancellationFlag()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loss MSE does not fit the CLASSIFICATION dataset");
    }

    @Test
    void rejectsANetworkWhoseOutputDoesNotFitTheClasses() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SupervisedTrainer(moonsConfig().build(),
                        TrainingListener()).train(Nets.mlp(3, 8), TWO, moons(), dir, new CancellationFlag()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the network outputs shape (32, 3) but SOFTMAX_CROSS_ENTROPY needs [batch, 2]"
                        + " (one logit per class)");
    }

    @Test
    void rejectsAWrongInputShapeAndInvalidClassIndices() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SupervisedTrainer(moonsConfig().build(),
                        TrainingListener()).train(Nets.mlp(2), new Shape(3), moons(), dir, new CancellationFlag()))
                .hasMessage("input shape (3) does not match the samples of moons, which have shape (2)");
        ArrayDataset bad = new ArrayDataset("bad", new long[] {2}, new float[] {0, 0, 1, 1}, new float[] {0, 2}, 1,
                ArrayDataset.Task.CLASSIFICATION, List.of("a", "b"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SupervisedTrainer(moonsConfig()
                        .validationFraction(0).build(), TrainingListener())
                        .train(Nets.mlp(2), TWO, TrainingData.of(bad, null, null), dir, new CancellationFlag()))
                .hasMessage("class index 2.0 in bad is not one of 0..1");
    }

    @Test
    void testSplitMissingAClassStillReportsAllTrainingClasses() {
        ArrayDataset moons = TestData.twoMoons(40, 0.2, 5);
        float[] x = java.util.Arrays.copyOf(moons.features(), 2);
        ArrayDataset onlyFirst = new ArrayDataset("one", new long[] {2}, x, new float[] {0}, 1,
                ArrayDataset.Task.CLASSIFICATION, List.of());
        ArrayDataset train = new ArrayDataset("unnamed", new long[] {2}, moons.features(), moons.targets(), 1,
                ArrayDataset.Task.CLASSIFICATION, List.of());
        TrainingResult result = new SupervisedTrainer(moonsConfig().epochs(1).validationFraction(0).build(),
                TrainingListener()).train(Nets.mlp(2), TWO, TrainingData.of(train, null, onlyFirst), dir,
                new CancellationFlag());
        ClassificationReport report = (ClassificationReport) result.test().orElseThrow();
        assertThat(report.confusion().classNames()).containsExactly("0", "1");
        assertThat(report.perClass().get(1).support()).isZero();
    }

    @Test
    void twoRunsOnParallelThreadsBothTrain() throws Exception {
        // Without serialising the gradient collectors, the second concurrent run would fail with DJL's
        // "A PtGradientCollector is already collecting".
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<TrainingResult>> runs = new java.util.ArrayList<>();
            for (String name : List.of("p1", "p2")) {
                runs.add(pool.submit(() -> new SupervisedTrainer(moonsConfig().epochs(15).build(), TrainingListener())
                        .train(Nets.mlp(2, 32, 32), TWO, moons(), dir.resolve(name), new CancellationFlag())));
            }
            for (java.util.concurrent.Future<TrainingResult> run : runs) {
                TrainingResult result = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
                assertThat(((ClassificationReport) result.test().orElseThrow()).accuracy()).isGreaterThan(0.9);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void testEvaluationUsesTheBestCheckpoint() {
        // Validation and test are the same data: the test loss must equal the best epoch's validation loss,
        // not the last epoch's. A high learning rate makes the validation loss bounce so best != last.
        ArrayDataset validation = TestData.twoMoons(100, 0.3, 9);
        RecordingListener listener = new RecordingListener();
        TrainingResult result = new SupervisedTrainer(moonsConfig().optimizer(OptimizerKind.SGD, 2.0).epochs(12)
                .build(), listener).train(Nets.mlp(2, 32), TWO,
                TrainingData.of(TestData.twoMoons(300, 0.3, 1), validation, validation), dir, new CancellationFlag());

        List<Double> valLosses = listener.epochs.stream().map(e -> e.validation().orElseThrow().loss()).toList();
        double best = valLosses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(result.bestEpoch()).as("scenario needs best != last").isLessThan(12);
        assertThat(valLosses.get(11)).isGreaterThan(best);
        assertThat(result.bestValue()).isEqualTo(best);
        assertThat(valLosses.get(result.bestEpoch() - 1)).isEqualTo(best);
        assertThat(result.test().orElseThrow().loss()).isEqualTo(best);
        assertThat(listener.epochs.get(result.bestEpoch() - 1).improved()).isTrue();
    }

    @Test
    void nativeMemoryStaysFlatAcrossEpochs() {
        ai.djl.nn.Block block = Nets.mlp(2, 16);
        List<Integer> arrays = new java.util.ArrayList<>();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                // Everything the run keeps lives in the model's manager: parameters plus optimizer moments.
                arrays.add(block.getParameters().get(0).getValue().getArray().getManager().getManagedArrays()
                        .size());
            }
        };
        TrainingConfig config = moonsConfig().epochs(4).regularization(1e-4, 1e-4)
                .clipping(new dev.netwright.engine.train.config.GradientClipping(1, 1)).build();
        new SupervisedTrainer(config, listener).train(block, TWO, moons(), dir, new CancellationFlag());
        // 4 parameters + 2 Adam moments and a kept detached view each, and Adam's 4 beta scalars.
        assertThat(arrays).containsOnly(4 + 4 * 2 + 4 + 4);
    }

    @Test
    void predictionsApplySoftmaxOrSigmoidOnce() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray logits = m.create(new float[] {2f, 0f, 0f, 3f}, new Shape(2, 2));
            assertThat(Predictions.classes(logits)).containsExactly(0, 1);
            float[] p = Predictions.probabilities(logits).toFloatArray();
            assertThat(p[0] + p[1]).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-6f));
            assertThat(p[0]).isCloseTo((float) (1 / (1 + Math.exp(-2))), org.assertj.core.api.Assertions.within(1e-6f));
            ai.djl.ndarray.NDArray binary = m.create(new float[] {-1f, 2f}, new Shape(2, 1));
            assertThat(Predictions.classes(binary)).containsExactly(0, 1);
            assertThat(Predictions.probabilities(binary).toFloatArray()[1])
                    .isCloseTo((float) (1 / (1 + Math.exp(-2))), org.assertj.core.api.Assertions.within(1e-6f));
        }
    }

    private static dev.netwright.engine.train.metrics.TrainingListener TrainingListener() {
        return dev.netwright.engine.train.metrics.TrainingListener.NONE;
    }
}
