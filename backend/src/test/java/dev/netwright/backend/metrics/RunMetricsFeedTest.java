package dev.netwright.backend.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.engine.api.MetricKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Java feed the web UI uses: history first, then live points through LISTEN/NOTIFY, each once and in order. */
class RunMetricsFeedTest extends RunTestSupport {
    @Autowired
    RunMetricsFeed feed;
    @Autowired
    RunMetricsStore store;

    @Test
    void subscriberGetsHistoryThenLivePointsInOrderAndMeasuresNotifyLatency() {
        Api owner = newUser("feed");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], uniqueQueue("feed"), 0, 1, 50)); // seq 1: QUEUED
        store.append(run, MetricKind.MESSAGE, "{\"text\":\"before subscribing\"}");          // seq 2

        List<MetricRecord> got = new CopyOnWriteArrayList<>();
        Map<Long, Long> receivedAt = new ConcurrentHashMap<>();
        RunMetricsFeed.Subscription sub = feed.subscribe(run, 1, r -> {
            receivedAt.put(r.seq(), System.nanoTime());
            got.add(r);
        });
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> got.size() == 1);
        assertThat(got.getFirst().seq()).as("replay starts after fromSeq").isEqualTo(2);

        int live = 50;
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        for (int i = 0; i < live; i++) {
            long t0 = System.nanoTime();
            long seq = store.append(run, MetricKind.MESSAGE, "{\"text\":\"live " + i + "\"}").orElseThrow();
            sentAt.put(seq, t0);
            sleep(5);
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> got.size() == live + 1);
        assertThat(got).extracting(MetricRecord::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(2, live + 2).boxed().toList());

        List<Long> latencies = new ArrayList<>();
        sentAt.forEach((seq, t0) -> latencies.add(receivedAt.get(seq) - t0));
        Collections.sort(latencies);
        System.out.printf("append+commit -> subscriber latency over %d points: p50 %.2f ms, p99 %.2f ms%n",
                latencies.size(), latencies.get(latencies.size() / 2) / 1e6,
                latencies.get((int) (latencies.size() * 0.99)) / 1e6);
        // the sweep runs every 3 s: a median far below that shows NOTIFY, not the sweep, delivered the points
        assertThat(latencies.get(latencies.size() / 2)).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));

        sub.close();
        store.append(run, MetricKind.MESSAGE, "{\"text\":\"after close\"}");
        sleep(300);
        assertThat(got).hasSize(live + 1);
    }
}
