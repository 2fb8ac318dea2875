package dev.netwright.backend.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.resources.ResourceLimits;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LearnTrainingsTest {

    /** The platform's caps with their defaults, but {@code margin} kept free for the app. */
    private static ResourceLimits limits(DataSize margin) {
        return new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null, 0, 0, null, null, null, margin, null);
    }

    @Test
    void noTrainingStartsWhenItWouldTakeTheAppBelowItsMemoryMargin() {
        try (LearnTrainings trainings = new LearnTrainings(2, limits(DataSize.ofTerabytes(1024)))) {
            assertThatThrownBy(() -> trainings.start("greedy", cancel -> { }, e -> { }))
                    .isInstanceOf(LearnTrainings.BusyException.class)
                    .hasMessageContaining("low on memory").hasMessageContaining("safety margin of 1.1 PB");
            assertThat(trainings.running()).isZero();
        }
    }

    @Test
    void theServerWideCapRefusesExtraTrainingsUntilOneEnds() throws Exception {
        try (LearnTrainings trainings = new LearnTrainings(1, limits(DataSize.ofMegabytes(1)))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            LearnTrainings.Running first = trainings.start("first", cancel -> {
                started.countDown();
                while (!cancel.isCancelled()) {
                    Thread.onSpinWait();
                }
                ended.countDown();
            }, e -> { });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(trainings.running()).isEqualTo(1);
            assertThatThrownBy(() -> trainings.start("second", cancel -> { }, e -> { }))
                    .isInstanceOf(LearnTrainings.BusyException.class)
                    .hasMessageContaining("already running 1 learning training");

            first.stop();
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (trainings.running() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            CountDownLatch failed = new CountDownLatch(1);
            trainings.start("third", cancel -> {
                throw new IllegalStateException("boom");
            }, e -> {
                failure.set(e);
                failed.countDown();
            });
            assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).hasMessage("boom");
        }
    }
}
