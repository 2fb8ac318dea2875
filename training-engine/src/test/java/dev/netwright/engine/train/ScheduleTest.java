package dev.netwright.engine.train;

import dev.netwright.engine.train.config.ScheduleConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Schedule math, no DJL involved. 10 steps per epoch throughout. */
class ScheduleTest {
    private static final int STEPS = 10;

    private static double at(LearningRateSchedule s, int epoch, int batch) {
        return s.rate((long) epoch * STEPS + batch);
    }

    @Test
    void constantStaysAtTheBaseRate() {
        LearningRateSchedule s = Schedules.create(ScheduleConfig.constant(), 0.1, STEPS, 5);
        assertThat(at(s, 0, 0)).isEqualTo(0.1);
        assertThat(at(s, 4, 9)).isEqualTo(0.1);
    }

    @Test
    void stepDecayCutsEveryStepSizeEpochs() {
        LearningRateSchedule s = Schedules.create(ScheduleConfig.stepDecay(2, 0.5), 1.0, STEPS, 6);
        assertThat(at(s, 0, 0)).isEqualTo(1.0);
        assertThat(at(s, 1, 9)).isEqualTo(1.0);
        assertThat(at(s, 2, 0)).isEqualTo(0.5);
        assertThat(at(s, 3, 5)).isEqualTo(0.5);
        assertThat(at(s, 4, 0)).isEqualTo(0.25);
    }

    @Test
    void exponentialDecayMultipliesEveryEpoch() {
        LearningRateSchedule s = Schedules.create(ScheduleConfig.exponential(0.9), 1.0, STEPS, 5);
        assertThat(at(s, 0, 9)).isEqualTo(1.0);
        assertThat(at(s, 1, 0)).isCloseTo(0.9, within(1e-12));
        assertThat(at(s, 3, 4)).isCloseTo(0.729, within(1e-12));
    }

    @Test
    void cosineAnnealsFromBaseToMinimumOverTheRun() {
        LearningRateSchedule s = Schedules.create(ScheduleConfig.cosine(0.01), 1.0, STEPS, 4);
        assertThat(s.rate(0)).isEqualTo(1.0);
        assertThat(s.rate(20)).isCloseTo(0.505, within(1e-12));
        assertThat(s.rate(40)).isCloseTo(0.01, within(1e-12));
        assertThat(s.rate(10)).isCloseTo(0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-12));
        for (int i = 1; i <= 40; i++) {
            assertThat(s.rate(i)).isLessThan(s.rate(i - 1));
        }
    }

    @Test
    void warmupRampsLinearlyThenHandsOverToThePolicy() {
        LearningRateSchedule s = Schedules.create(ScheduleConfig.stepDecay(1, 0.5).withWarmup(1), 1.0, STEPS, 4);
        assertThat(s.rate(0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.rate(4)).isCloseTo(0.5, within(1e-12));
        assertThat(s.rate(9)).isCloseTo(1.0, within(1e-12));
        // After warm-up the step decay starts at its own epoch 0.
        assertThat(s.rate(10)).isEqualTo(1.0);
        assertThat(s.rate(20)).isEqualTo(0.5);
    }

    @Test
    void warmupWithCosineStillReachesTheMinimumAtTheEnd() {
        LearningRateSchedule s = Schedules.create(ScheduleConfig.cosine(0.0).withWarmup(1), 1.0, STEPS, 5);
        assertThat(s.rate(9)).isCloseTo(1.0, within(1e-12));
        assertThat(s.rate(10)).isCloseTo(1.0, within(1e-12));
        assertThat(s.rate(50)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void plateauReducerCutsAfterPatienceEpochsWithoutImprovement() {
        PlateauReducer p = new PlateauReducer(0.5, 2, false, 0.0);
        assertThat(p.onEpochEnd(1.0)).isFalse();
        assertThat(p.onEpochEnd(0.8)).isFalse();
        assertThat(p.onEpochEnd(0.8)).isFalse();
        assertThat(p.onEpochEnd(0.9)).isTrue();
        assertThat(p.apply(0.1, 0.0)).isCloseTo(0.05, within(1e-12));
        assertThat(p.onEpochEnd(0.85)).isFalse();
        assertThat(p.onEpochEnd(0.85)).isTrue();
        assertThat(p.apply(0.1, 0.0)).isCloseTo(0.025, within(1e-12));
        assertThat(p.apply(0.1, 0.04)).isEqualTo(0.04);
        assertThat(p.onEpochEnd(0.1)).isFalse();
        assertThat(p.multiplier()).isEqualTo(0.25);
    }
}
