package dev.netwright.backend.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The queue itself, driven directly (each test uses its own queue name, which the in-process worker ignores). */
class RunQueueTest extends RunTestSupport {
    @Autowired
    RunQueue queue;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void concurrentClaimersNeverGetTheSameRun() throws Exception {
        Api owner = newUser("claim");
        UUID[] pd = projectWithDesign(owner);
        UUID ws = jdbc.sql("SELECT workspace_id FROM projects WHERE id = ?").param(pd[0]).query(UUID.class).single();
        assertThat(owner.put("/api/workspaces/" + ws + "/run-limit", Api.map("maxRunningRuns", 1000)).status())
                .isEqualTo(200);
        String q = uniqueQueue("race");
        int jobs = 40;
        List<UUID> createdIds = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            createdIds.add(created(createRun(owner, pd[0], pd[1], q, 0, 1, 50)));
        }
        int threads = 4;
        ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String owner1 = "racer-" + t;
            done.add(pool.submit(() -> {
                start.await();
                while (true) {
                    long t0 = System.nanoTime();
                    Optional<ClaimedRun> job = queue.claim(LeaseHolder.inProcess(owner1), List.of(q), 60);
                    nanos.add(System.nanoTime() - t0);
                    if (job.isEmpty()) {
                        return null;
                    }
                    claimed.add(job.get().runId());
                }
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(createdIds);
        assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE queue = ? AND status = 'RUNNING' AND attempts = 1")
                .param(q).query(Integer.class).single()).isEqualTo(jobs);
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("claim latency over %d claims by %d threads: p50 %.2f ms, p99 %.2f ms%n", sorted.size(),
                threads, sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }

    @Test
    void claimsByPriorityThenAge() {
        Api owner = newUser("prio");
        UUID[] pd = projectWithDesign(owner);
        UUID ws = jdbc.sql("SELECT workspace_id FROM projects WHERE id = ?").param(pd[0]).query(UUID.class).single();
        owner.put("/api/workspaces/" + ws + "/run-limit", Api.map("maxRunningRuns", 10));
        String q = uniqueQueue("prio");
        UUID low1 = created(createRun(owner, pd[0], pd[1], q, 0, 1, 50));
        UUID high1 = created(createRun(owner, pd[0], pd[1], q, 5, 1, 50));
        UUID low2 = created(createRun(owner, pd[0], pd[1], q, 0, 1, 50));
        UUID high2 = created(createRun(owner, pd[0], pd[1], q, 5, 1, 50));
        assertThat(meters.get("netwright.runs.state").tag("state", "QUEUED").gauge().value())
                .as("queue depth gauge").isGreaterThanOrEqualTo(4);
        List<UUID> order = new ArrayList<>();
        for (Optional<ClaimedRun> j; (j = queue.claim(LeaseHolder.inProcess("w"), List.of(q), 60)).isPresent(); ) {
            order.add(j.get().runId());
        }
        assertThat(order).containsExactly(high1, high2, low1, low2);
    }

    @Test
    void workspaceLimitHoldsBackFurtherClaimsUntilARunEnds() {
        Api owner = newUser("limit");
        UUID[] pd = projectWithDesign(owner);
        UUID ws = jdbc.sql("SELECT workspace_id FROM projects WHERE id = ?").param(pd[0]).query(UUID.class).single();
        assertThat(owner.put("/api/workspaces/" + ws + "/run-limit", Api.map("maxRunningRuns", 1)).status())
                .isEqualTo(200);
        String q = uniqueQueue("limit");
        UUID first = created(createRun(owner, pd[0], pd[1], q, 0, 1, 50));
        UUID second = created(createRun(owner, pd[0], pd[1], q, 0, 1, 50));
        assertThat(queue.claim(LeaseHolder.inProcess("w1"), List.of(q), 60)).map(ClaimedRun::runId).contains(first);
        assertThat(queue.claim(LeaseHolder.inProcess("w2"), List.of(q), 60)).isEmpty();
        assertThat(queue.finish(first, LeaseHolder.inProcess("w1"), new RunEnd(RunStatus.FAILED, "test", null)))
                .isTrue();
        assertThat(queue.claim(LeaseHolder.inProcess("w2"), List.of(q), 60)).map(ClaimedRun::runId).contains(second);
    }

    @Test
    void expiredLeaseRequeuesAndTheLastAttemptFails() {
        Api owner = newUser("lease");
        UUID[] pd = projectWithDesign(owner);
        String q = uniqueQueue("lease");
        UUID run = created(owner.post("/api/projects/" + pd[0] + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons", "limit", 50), "queue", q, "maxAttempts", 2)));
        assertThat(queue.claim(LeaseHolder.inProcess("dead-1"), List.of(q), 1)).isPresent();
        awaitStatus(owner, run, Duration.ofSeconds(10), "QUEUED"); // the reaper put it back
        assertThat(queue.heartbeat(run, LeaseHolder.inProcess("dead-1"), 30)).as("the old holder lost its lease")
                .isEmpty();
        Optional<ClaimedRun> again = queue.claim(LeaseHolder.inProcess("dead-2"), List.of(q), 1);
        assertThat(again).map(ClaimedRun::attempt).contains(2);
        Api.Res failed = awaitStatus(owner, run, Duration.ofSeconds(10), "FAILED");
        assertThat(failed.str("failure")).contains("stopped reporting").contains("2 of 2");
        assertThat(failed.json().get("attempts").asInt()).isEqualTo(2);
        assertThat(queue.finish(run, LeaseHolder.inProcess("dead-2"), new RunEnd(RunStatus.SUCCEEDED, null, null)))
                .as("a late report from a worker that lost its lease is ignored").isFalse();
        List<String> statuses = jdbc.sql("SELECT payload->>'status' FROM run_metrics WHERE run_id = ? AND kind = "
                + "'STATUS' ORDER BY seq").param(run).query(String.class).list();
        assertThat(statuses).containsExactly("QUEUED", "RUNNING", "QUEUED", "RUNNING", "FAILED");
    }

    @Test
    void cancellingAQueuedRunEndsItAtOnceAndItIsNeverClaimed() {
        Api owner = newUser("cancelq");
        UUID[] pd = projectWithDesign(owner);
        String q = uniqueQueue("cq");
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 1, 50));
        Api.Res c = owner.post("/api/runs/" + run + "/cancel", "");
        assertThat(c.status()).as(c.text()).isEqualTo(200);
        assertThat(c.str("status")).isEqualTo("CANCELLED");
        assertThat(queue.claim(LeaseHolder.inProcess("w"), List.of(q), 60)).isEmpty();
        assertThat(owner.post("/api/runs/" + run + "/cancel", "").status()).isEqualTo(409);
        assertThat(Map.of("n", jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'run.cancel' AND target_id = ?")
                .param(run.toString()).query(Integer.class).single())).containsEntry("n", 1);
    }
}
