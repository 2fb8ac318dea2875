package dev.netwright.engine.train;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.config.GanConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.gan.GanEpochMetrics;
import dev.netwright.engine.train.gan.GanListener;
import dev.netwright.engine.train.gan.GanResult;
import dev.netwright.engine.train.gan.GanTrainer;
import dev.netwright.engine.train.gan.GeneratedSamples;
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

    private static final class Recorder implements GanListener {
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
    void hugeLearningRateDivergesWithTheSameMessage() {
        TrainingConfig config = config(3).toBuilder().optimizer(OptimizerKind.SGD, 1e12).build();
        GanResult result = new GanTrainer(config, GanListener.NONE).train(Nets.mlp(2, 8), Nets.mlp(1, 8),
                TestData.gaussian(256, MX, MY, 0.5, 3), new CancellationFlag());
        assertThat(result.status()).isEqualTo(TrainingStatus.DIVERGED);
        assertThat(result.failure()).hasValueSatisfying(m ->
                assertThat(m).matches("diverged at epoch \\d+ batch \\d+, try a lower learning rate"));
    }
}
