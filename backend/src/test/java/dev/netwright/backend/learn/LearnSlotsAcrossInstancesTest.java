package dev.netwright.backend.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.ApiTestBase;
import dev.netwright.backend.resources.ResourceLimits;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/**
 * {@code netwright.learn.max-trainings} holds across app instances: two LearnTrainings on one database (as two
 * instances would be) share the cap through PostgreSQL advisory locks.
 */
class LearnSlotsAcrossInstancesTest extends ApiTestBase {
    @Autowired
    DataSource dataSource;

    private static ResourceLimits limits() {
        return new ResourceLimits(0, 0, 0, null, null, null, 0, 0, null, 0, 0, null, null, null, DataSize.ofMegabytes(1),
                null);
    }

    @Test
    void aTrainingOnOneInstanceTakesTheSlotAnotherInstanceWouldUse() throws Exception {
        // max 1 with their own lock slots: the app's own LearnTrainings (max 2) uses slots 0 and 1 as well, but no
        // learn page runs in this test JVM's other tests at the same time
        try (LearnTrainings first = new LearnTrainings(1, limits(), LearnSlots.inDatabase(dataSource, 1));
             LearnTrainings second = new LearnTrainings(1, limits(), LearnSlots.inDatabase(dataSource, 1))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            LearnTrainings.Running running = first.start("on instance one", cancel -> {
                started.countDown();
                while (!cancel.isCancelled()) {
                    Thread.onSpinWait();
                }
                ended.countDown();
            }, e -> { });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> second.start("on instance two", cancel -> { }, e -> { }))
                    .isInstanceOf(LearnTrainings.BusyException.class)
                    .hasMessageContaining("already running 1 learning training");

            running.stop();
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (first.running() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            CountDownLatch ran = new CountDownLatch(1);
            second.start("on instance two, later", cancel -> ran.countDown(), e -> { });
            assertThat(ran.await(5, TimeUnit.SECONDS)).as("the slot came back to the database when it ended")
                    .isTrue();
        }
    }
}
