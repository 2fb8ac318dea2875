package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Steps read to the host several at a time (a GPU run's window, here on the CPU, one vector of each step's values) report
 * what reading each does (on the CPU each step's values read as they are, the accuracy counted on the host).
 */
class StatsWindowTest {
    private static final Shape TWO = new Shape(2);

    @TempDir
    Path dir;

    @Test
    void oneCopyReadsEveryHeldStepInOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StatsWindow window = new StatsWindow(manager, 3);
            assertThat(window.isEmpty()).isTrue();
            assertThat(window.read()).isEmpty();
            // classification: loss, correct, norms of two parameters; regression: loss, |e| sum, e² sum, norms
            window.add(new TrainingStep.OnDevice(manager.create(new float[] {0.5f, 12, 3, 4}), true, 0),
                    32, 0.1, System.nanoTime());
            window.add(new TrainingStep.Known(new TrainingStep.Outcome(0.25, 2, 30, 0, 0, 0, new float[] {4})),
                    32, 0.05, System.nanoTime());
            assertThat(window.isFull()).isFalse();
            window.add(new TrainingStep.OnDevice(manager.create(new float[] {2, 3, 5, 0, 2}), false, 7),
                    7, 0.01, System.nanoTime());
            assertThat(window.isFull()).isTrue();

            List<StatsWindow.Read> reads = window.read();

            assertThat(window.reads()).isEqualTo(1);
            assertThat(window.isEmpty()).isTrue();
            assertThat(reads).extracting(StatsWindow.Read::samples).containsExactly(32, 32, 7);
            assertThat(reads).extracting(StatsWindow.Read::learningRate).containsExactly(0.1, 0.05, 0.01);
            TrainingStep.Outcome first = reads.get(0).outcome();
            assertThat(first.loss()).isEqualTo(0.5);
            assertThat(first.correct()).isEqualTo(12);
            assertThat(first.gradientNorm()).isEqualTo(5.0);
            assertThat(first.parameterSquares()).containsExactly(9, 16);
            assertThat(reads.get(1).outcome().correct()).isEqualTo(30);
            TrainingStep.Outcome third = reads.get(2).outcome();
            assertThat(third.loss()).isEqualTo(2.0);
            assertThat(third.absError()).isEqualTo(3.0);
            assertThat(third.squaredError()).isEqualTo(5.0);
            assertThat(third.values()).isEqualTo(7);
            assertThat(third.gradientNorm()).isEqualTo(2.0);
            assertThat(reads).allSatisfy(r -> assertThat(r.seconds()).isPositive());
        }
    }

    @Test
    void heldVectorsOutliveTheBatchManagerAndAreFreedWithTheRead() {
        try (NDManager model = NDManager.newBaseManager()) {
            StatsWindow window = new StatsWindow(model, 4);
            ai.djl.ndarray.NDArray stats;
            try (NDManager batch = model.newSubManager()) {
                stats = batch.create(new float[] {1, 1, 2});
                window.add(new TrainingStep.OnDevice(stats, true, 0), 1, 0.1, System.nanoTime());
            }
            assertThat(stats.isReleased()).isFalse();
            assertThat(window.read().getFirst().outcome().gradientNorm()).isEqualTo(2.0);
            assertThat(stats.isReleased()).isTrue();
        }
    }

    @Test
    void anOldWindowIsReadBeforeItIsFull() {
        try (NDManager manager = NDManager.newBaseManager(); StatsWindow window = new StatsWindow(manager, 1000)) {
            long longAgo = System.nanoTime() - (StatsWindow.MAX_MILLIS + 50) * 1_000_000;
            window.add(new TrainingStep.OnDevice(manager.create(new float[] {1, 1, 4}), true, 0), 1, 0.1, longAgo);
            assertThat(window.isFull()).isTrue();
        }
        assertThatThrownBy(() -> new StatsWindow(null, 0)).hasMessageContaining("at least one step");
    }

    @Test
    void aWindowOfEightReportsTheSameBatchesAndEpochsAsReadingEveryStep() {
        // 320 training samples in batches of 32: ten per epoch, so each epoch's last window is read at its end
        TrainingConfig moons = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 0.02).epochs(3).batchSize(32).seed(7).validationFraction(0.2).build();
        TrainingData moonsData = TrainingData.of(TestData.twoMoons(400, 0.2, 1), null, TestData.twoMoons(200, 0.2, 2));
        RecordingListener each = run(moons, moonsData, 2, 1, "moons-1");
        RecordingListener eight = run(moons, moonsData, 2, 8, "moons-8");
        assertSameReports(each, eight);
        assertThat(each.batches).hasSize(30);

        TrainingConfig linear = TrainingConfig.builder().loss(LossKind.MSE).optimizer(OptimizerKind.SGD, 0.1)
                .epochs(3).batchSize(16).seed(3).validationFraction(0.2).build();
        TrainingData linearData = TrainingData.of(TestData.linear(300, 0.05, 1), null, TestData.linear(100, 0.05, 2));
        RecordingListener linearEach = run(linear, linearData, 1, 1, "linear-1");
        RecordingListener linearEight = run(linear, linearData, 1, 8, "linear-8");
        assertSameReports(linearEach, linearEight);
        assertThat(linearEach.epochs.getLast().train().mae()).isPresent();

        // one output: the class is 1 where the logit is above 0
        TrainingConfig binary = TrainingConfig.builder().loss(LossKind.BINARY_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 0.02).epochs(3).batchSize(32).seed(5).validationFraction(0.2).build();
        RecordingListener binaryEach = run(binary, moonsData, 1, 1, "binary-1");
        RecordingListener binaryEight = run(binary, moonsData, 1, 8, "binary-8");
        assertSameReports(binaryEach, binaryEight);
        assertThat(binaryEach.epochs.getLast().train().accuracy().orElseThrow()).isGreaterThan(0.6);
    }

    /**
     * On the CPU a step read at once is counted on the host ({@code TrainingStep.correct}); its class is the engine's
     * argmax: the first highest logit, a NaN above all, and with one output the logit's sign.
     */
    @Test
    void theHostCountsCorrectPredictionsAsTheEngineDoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float nan = Float.NaN;
            float[] logits = {1, 3, 3, 0, /**/ -1, -2, -3, -1, /**/ 0, nan, 5, nan, /**/ nan, 1, 2, 3, /**/ 2, 2, 2, 2};
            float[] labels = {1, 0, 1, 0, 0};
            NDArray device = manager.create(logits, new Shape(5, 4)).argMax(-1)
                    .eq(manager.create(labels)).sum();
            assertThat(TrainingStep.correct(logits, 4, labels)).isEqualTo(device.getLong()).isEqualTo(5);
            assertThat(TrainingStep.correct(logits, 4, new float[] {2, 3, 3, 1, 1})).isZero();
            float[] binary = {0.5f, 0, -0.1f, 3};
            assertThat(TrainingStep.correct(binary, 1, new float[] {1, 0, 0, 0})).isEqualTo(3);
        }
    }

    @Test
    void aDivergedStepInAWindowEndsTheRunNamingThatBatch() {
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.MSE).optimizer(OptimizerKind.SGD, 1e4)
                .epochs(5).batchSize(16).seed(3).validationFraction(0.2).build();
        TrainingData data = TrainingData.of(TestData.linear(300, 0.05, 1), null, TestData.linear(100, 0.05, 2));
        TrainingResult each = new SupervisedTrainer(config, new RecordingListener()).withStatsWindow(1)
                .train(Nets.mlp(1, 8), TWO, data, dir.resolve("d1"), new CancellationFlag());
        TrainingResult eight = new SupervisedTrainer(config, new RecordingListener()).withStatsWindow(8)
                .train(Nets.mlp(1, 8), TWO, data, dir.resolve("d8"), new CancellationFlag());

        assertThat(each.status()).isEqualTo(TrainingStatus.DIVERGED);
        assertThat(eight.status()).isEqualTo(TrainingStatus.DIVERGED);
        assertThat(eight.failure()).isEqualTo(each.failure());
        assertThat(eight.epochsCompleted()).isEqualTo(each.epochsCompleted());
    }

    private RecordingListener run(TrainingConfig config, TrainingData data, int outputs, int window, String name) {
        RecordingListener listener = new RecordingListener();
        TrainingResult result = new SupervisedTrainer(config, listener).withStatsWindow(window)
                .train(Nets.mlp(outputs, 16), TWO, data, dir.resolve(name), new CancellationFlag());
        assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
        return listener;
    }

    private static void assertSameReports(RecordingListener expected, RecordingListener actual) {
        assertThat(actual.batches).hasSameSizeAs(expected.batches);
        for (int i = 0; i < expected.batches.size(); i++) {
            BatchMetrics e = expected.batches.get(i);
            BatchMetrics a = actual.batches.get(i);
            assertThat(List.of(a.epoch(), a.batch(), a.batchesPerEpoch(), a.samples()))
                    .isEqualTo(List.of(e.epoch(), e.batch(), e.batchesPerEpoch(), e.samples()));
            assertThat(a.loss()).isEqualTo(e.loss());
            assertThat(a.learningRate()).isEqualTo(e.learningRate());
            assertThat(a.gradientNorm()).isEqualTo(e.gradientNorm());
        }
        assertThat(actual.epochs).extracting(EpochMetrics::train).isEqualTo(expected.epochs.stream()
                .map(EpochMetrics::train).toList());
        assertThat(actual.epochs).extracting(EpochMetrics::validation).isEqualTo(expected.epochs.stream()
                .map(EpochMetrics::validation).toList());
    }
}
