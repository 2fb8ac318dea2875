package dev.netwright.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BatchPointSenderTest {

    @Test
    void theTrainingThreadDoesNotWaitForASlowDeliveryButDrainWaitsForAllInOrder() throws Exception {
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        CountDownLatch slow = new CountDownLatch(1);
        try (BatchPointSender sender = new BatchPointSender("test")) {
            long start = System.nanoTime();
            sender.send(() -> {
                await(slow);
                delivered.add(0);
            });
            for (int i = 1; i < 10; i++) {
                int n = i;
                sender.send(() -> delivered.add(n));
            }
            // ten points handed over while the first delivery hangs: the caller went on at once
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
            assertThat(delivered).isEmpty();
            slow.countDown();
            sender.drain();
            assertThat(delivered).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
    }

    @Test
    void aFullQueueMakesTheCallerWaitInsteadOfDroppingPoints() throws Exception {
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        CountDownLatch outage = new CountDownLatch(1);
        AtomicBoolean producerDone = new AtomicBoolean();
        try (BatchPointSender sender = new BatchPointSender("test")) {
            Thread producer = new Thread(() -> {
                sender.send(() -> {
                    await(outage);
                    delivered.add(-1);
                });
                for (int i = 0; i < 100; i++) {
                    int n = i;
                    sender.send(() -> delivered.add(n));
                }
                producerDone.set(true);
            });
            producer.start();
            Thread.sleep(300);
            assertThat(producerDone).as("the producer waits while the server is away").isFalse();
            outage.countDown();
            producer.join(10_000);
            assertThat(producerDone).isTrue();
            sender.drain();
            assertThat(delivered).hasSize(101).startsWith(-1, 0, 1).endsWith(98, 99);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
