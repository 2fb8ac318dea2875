package dev.netwright.frontend.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.analysis.Totals;
import dev.netwright.engine.train.config.OptimizerKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunEstimateTest {
    /** The MLP 784-256-128-10 the throughput constant was measured with: 235,146 parameters, 234,752 mult-adds. */
    private static final Totals MLP = new Totals(235_146, 0, 234_752, 4 * (784 + 256 + 128 + 10));

    @Test
    void timeFollowsMultiplyAddsTimesSamplesPlusPerBatchOverhead() {
        RunEstimate e = RunEstimate.of(MLP, 60_000, 128, OptimizerKind.ADAM, 0.1);
        assertThat(e.trainingSamples()).isEqualTo(54_000);
        assertThat(e.parameters()).isEqualTo(235_146);
        // 3 x 234,752 x 54,000 / 1e10 = 3.803 s of compute, plus 422 batches x 1 ms
        assertThat(e.epochTime().toMillis()).isBetween(4_224L, 4_226L);
        // about 12.8k samples/s: the measured 13-15k the constant came from
        assertThat(54_000 / (e.epochTime().toNanos() / 1e9)).isBetween(12_000.0, 15_000.0);
        assertThat(e.total(3)).isEqualTo(e.epochTime().multipliedBy(3));
    }

    @Test
    void memoryCountsOptimizerStateAndOneBatchOfActivations() {
        long adam = RunEstimate.of(MLP, 1000, 32, OptimizerKind.ADAM, 0).memoryBytes();
        long sgd = RunEstimate.of(MLP, 1000, 32, OptimizerKind.SGD, 0).memoryBytes();
        long momentum = RunEstimate.of(MLP, 1000, 32, OptimizerKind.MOMENTUM, 0).memoryBytes();
        assertThat(adam).isEqualTo(MLP.trainingMemoryBytes(32, 2));
        assertThat(adam - sgd).isEqualTo(2L * 4 * 235_146);
        assertThat(momentum - sgd).isEqualTo(4L * 235_146);
        assertThat(RunEstimate.of(MLP, 1000, 64, OptimizerKind.SGD, 0).memoryBytes() - sgd)
                .isEqualTo(2L * MLP.activationBytesPerSample() * 32);
    }

    @Test
    void smallDataIsDominatedByBatchOverheadAndBadBatchIsRefused() {
        Totals tiny = new Totals(67, 0, 64, 4 * 22);
        RunEstimate e = RunEstimate.of(tiny, 150, 32, OptimizerKind.ADAM, 0.1);
        assertThat(e.trainingSamples()).isEqualTo(135);
        assertThat(e.epochTime()).isBetween(Duration.ofMillis(5), Duration.ofMillis(6));
        assertThatThrownBy(() -> RunEstimate.of(tiny, 150, 0, OptimizerKind.ADAM, 0.1))
                .hasMessageContaining("batch size");
    }

    @Test
    void fashionMnistTrainsOn54000Of70000AfterATenPercentValidationSplit() {
        DatasetChoice fashion = DatasetChoice.of(dev.netwright.backend.dataset.BuiltInDataset.ALL.stream()
                .filter(b -> b.id().equals("fashion-mnist")).findFirst().orElseThrow());
        assertThat(fashion.samples()).isEqualTo(70_000);
        assertThat(fashion.trainSplit(null)).isEqualTo(60_000);
        assertThat(fashion.trainSplit(300)).isEqualTo(300);
        assertThat(RunEstimate.of(MLP, fashion.trainSplit(null), 128, OptimizerKind.ADAM, 0.1).trainingSamples())
                .isEqualTo(54_000);
        DatasetChoice upload = new DatasetChoice(null, java.util.UUID.randomUUID(), "t", 1_000, true, false,
                java.util.List.of(), java.util.List.of());
        assertThat(upload.trainSplit(null)).isEqualTo(800);
        assertThat(RunEstimate.trainingSamples(800, 0.1)).isEqualTo(720);
    }

    @Test
    void aMeasuredSpeedReplacesTheRoughGuess() {
        RunEstimate guess = RunEstimate.of(MLP, 60_000, 128, OptimizerKind.ADAM, 0.1);
        assertThat(guess.measured()).isEmpty();
        RunEstimate measured = guess.calibrated(new RunEstimate.Measured("v2 run", 1_800));
        assertThat(measured.epochTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(measured.measured()).isPresent();
        assertThat(measured.trainingSamples()).isEqualTo(54_000);
        assertThat(guess.calibrated(new RunEstimate.Measured("broken", 0))).isSameAs(guess);
    }
}
