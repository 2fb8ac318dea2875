package dev.netwright.engine.train;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.config.GanConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GanTrainerTest {
    private static final double MX = 3.0;
    private static final double MY = -2.0;

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().optimizer(TrainingConfig.builder().build().optimizer().withLearningRate(0.005)
                        .withBetas(0.5, 0.999)).epochs(epochs).batchSize(64).seed(11)
                .gan(new GanConfig(2, 0.1, 8, 128)).build();
    }

    private static class Recorder implements GanListener {
        final List<GanEpochMetrics> epochs = new ArrayList<>();
        final List<GeneratedSamples> samples = new ArrayList<>();

        @Override
        public void onEpoch(GanEpochMetrics metrics) {
            epochs.add(metrics);
        }

        @Override
        public void onSamples(GeneratedSamples generated) {
            samples.add(generated);
        }
    }

    private static double distanceToDataMean(GeneratedSamples s) {
        double[] mean = s.mean();
        return Math.hypot(mean[0] - MX, mean[1] - MY);
    }

    @Test
    void everyStepIsReportedWithBothLossesFromTheFirstBatch() {
        ArrayDataset real = TestData.gaussian(256, MX, MY, 0.5, 3);
        List<dev.netwright.engine.train.GanBatchMetrics> batches = new ArrayList<>();
        GanListener listener = new GanListener() {
            @Override
            public void onBatch(dev.netwright.engine.train.GanBatchMetrics metrics) {
                batches.add(metrics);
            }
        };
        new GanTrainer(config(2), listener).train(Nets.mlp(2, 8), Nets.mlp(1, 8), real, new CancellationFlag());
        // 256 samples in batches of 64: 4 steps per epoch, each reported
        assertThat(batches).hasSize(8);
        var first = batches.getFirst();
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.batch()).isEqualTo(1);
        assertThat(first.batchesPerEpoch()).isEqualTo(4);
        assertThat(first.discriminatorLoss()).isFinite();
        assertThat(batches).anySatisfy(b -> assertThat(b.generatorLoss()).isFinite());
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.realScore()).isBetween(0.0, 1.0);
            assertThat(b.samplesPerSecond()).isPositive();
            assertThat(b.samples()).isEqualTo(64);
        });
        assertThat(batches.getLast().epoch()).isEqualTo(2);
        assertThat(batches.getLast().batch()).isEqualTo(4);
        // the real batches were gathered on a prefetcher's thread, which ends with the run (its last moments after
        // the pool reported termination may still count as alive)
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (prefetchThreadAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(prefetchThreadAlive()).as("a batch prefetch thread outlived the run").isFalse();
    }

    private static boolean prefetchThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("netwright-batch-prefetch"));
    }

    @Test
    void generatorMovesTowardTheDataAndLossesStayFinite() {
        ArrayDataset real = TestData.gaussian(1024, MX, MY, 0.5, 3);
        Recorder recorder = new Recorder();
        GanResult result = new GanTrainer(config(30), recorder)
                .train(Nets.mlp(2, 16, 16), Nets.mlp(1, 16, 16), real, new CancellationFlag());

        assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(recorder.epochs).hasSize(30);
        assertThat(recorder.epochs).allSatisfy(e -> {
            assertThat(e.discriminatorLoss()).isFinite();
            assertThat(e.generatorLoss()).isFinite();
            assertThat(e.realScore()).isBetween(0.0, 1.0);
            assertThat(e.fakeScore()).isBetween(0.0, 1.0);
        });
        assertThat(recorder.samples).hasSize(30);
        GeneratedSamples first = recorder.samples.get(0);
        GeneratedSamples last = recorder.samples.get(29);
        assertThat(last.count()).isEqualTo(128);
        assertThat(last.sampleShape()).containsExactly(2);
        assertThat(last.values()).hasSize(256);
        double before = distanceToDataMean(first);
        double after = distanceToDataMean(last);
        assertThat(after).as("distance of generated mean to data mean, first epoch %s", before)
                .isLessThan(before * 0.5).isLessThan(1.0);
        assertThat(result.lastSamples()).contains(last);
    }

    @Test
    void ganRunsAreReproducibleAndCancellable() {
        ArrayDataset real = TestData.gaussian(256, MX, MY, 0.5, 3);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        new GanTrainer(config(2), a).train(Nets.mlp(2, 8), Nets.mlp(1, 8), real, new CancellationFlag());
        new GanTrainer(config(2), b).train(Nets.mlp(2, 8), Nets.mlp(1, 8), real, new CancellationFlag());
        assertThat(a.epochs).extracting(GanEpochMetrics::generatorLoss)
                .isEqualTo(b.epochs.stream().map(GanEpochMetrics::generatorLoss).toList());

        CancellationFlag cancel = new CancellationFlag();
        GanListener cancelAfterFirst = new GanListener() {
            @Override
            public void onEpoch(GanEpochMetrics metrics) {
                cancel.cancel();
            }
        };
        GanResult result = new GanTrainer(config(5), cancelAfterFirst)
                .train(Nets.mlp(2, 8), Nets.mlp(1, 8), real, cancel);
        assertThat(result.status()).isEqualTo(TrainingStatus.CANCELLED);
        assertThat(result.epochsCompleted()).isEqualTo(1);
    }

    @Test
    void checkpointsEveryEpochAndResumes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ArrayDataset real = TestData.gaussian(256, MX, MY, 0.5, 3);
        ai.djl.nn.Block generator = Nets.mlp(2, 8);
        float[][] generatorAfterEpoch2 = new float[1][];
        GanListener snapshot = new GanListener() {
            @Override
            public void onEpoch(GanEpochMetrics metrics) {
                generatorAfterEpoch2[0] = generator.getParameters().get(0).getValue().getArray().toFloatArray();
            }
        };
        new GanTrainer(config(2), snapshot).train(generator, Nets.mlp(1, 8), real, dir, new CancellationFlag());
        assertThat(dir.resolve("generator/last/optimizer.ndlist")).exists();
        assertThat(dir.resolve("discriminator/last/model-0002.params")).exists();

        // The checkpoint holds exactly the parameters the generator had after epoch 2.
        ai.djl.nn.Block reloaded = Nets.mlp(2, 8);
        try (ai.djl.Model model = ai.djl.Model.newInstance("check")) {
            model.setBlock(reloaded);
            new dev.netwright.engine.train.CheckpointStore(dir.resolve("generator"))
                    .loadParameters(dev.netwright.engine.train.CheckpointStore.Slot.LAST, model);
            assertThat(reloaded.getParameters().get(0).getValue().getArray().toFloatArray())
                    .containsExactly(generatorAfterEpoch2[0]);
        }

        // The resumed run starts from those parameters, not from a fresh initialisation.
        ai.djl.nn.Block resumedGenerator = Nets.mlp(2, 8);
        float[][] generatorAtResume = new float[1][];
        Recorder resumed = new Recorder() {
            @Override
            public void onMessage(String message) {
                if (message.equals("resumed after epoch 2")) {
                    generatorAtResume[0] = resumedGenerator.getParameters().get(0).getValue().getArray()
                            .toFloatArray();
                }
            }
        };
        GanResult result = new GanTrainer(config(4), resumed).resume(resumedGenerator, Nets.mlp(1, 8), real, dir,
                new CancellationFlag());
        assertThat(generatorAtResume[0]).containsExactly(generatorAfterEpoch2[0]);
        assertThat(result.epochsCompleted()).isEqualTo(4);
        assertThat(resumed.epochs).extracting(GanEpochMetrics::epoch).containsExactly(3, 4);
        assertThat(dir.resolve("generator/last/model-0004.params")).exists();
    }

    @Test
    void rejectsAGeneratorThatDoesNotProduceDataShapedSamples() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GanTrainer(config(1), GanListener.NONE)
                        .train(Nets.mlp(3, 8), Nets.mlp(1, 8), TestData.gaussian(64, MX, MY, 0.5, 3),
                                new CancellationFlag()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the generator outputs (64, 3) for noise (64, 8) but the data needs (64, 2)");
    }

    @Test
    void hugeLearningRateDivergesWithTheSameMessage() {
        TrainingConfig config = config(3).toBuilder().optimizer(OptimizerKind.SGD, 1e12).build();
        GanResult result = new GanTrainer(config, GanListener.NONE).train(Nets.mlp(2, 8), Nets.mlp(1, 8),
                TestData.gaussian(256, MX, MY, 0.5, 3), new CancellationFlag());
        assertThat(result.status()).isEqualTo(TrainingStatus.DIVERGED);
        assertThat(result.failure()).hasValueSatisfying(m ->
                assertThat(m).matches("diverged at epoch \\d+ batch \\d+, try a lower learning rate"));
    }
}
