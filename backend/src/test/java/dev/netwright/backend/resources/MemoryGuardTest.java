package dev.netwright.backend.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.LeaseHolder;
import dev.netwright.backend.run.RunQueue;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.worker.ClaimedRun;
import dev.netwright.engine.worker.WorkerCapacity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The training-memory guard: a design far larger than any worker is refused when it is queued (run and sweep), in
 * words and GB; one that fits is queued, carries its estimate and trains; workers claim only runs that fit them, and a
 * run no live worker can hold says why it waits.
 */
class MemoryGuardTest extends RunTestSupport {
    @Autowired
    RunQueue queue;

    @BeforeEach
    void inProcessWorkerHasReported() {
        // the app's own worker reports its capacity with its first poll (every 200 ms in tests)
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.sql("SELECT count(*) FROM worker_capacity WHERE owner LIKE 'local-%'").query(Long.class)
                .single() == 0) {
            assertThat(System.nanoTime()).as("in-process worker never reported its capacity").isLessThan(end);
            sleep(100);
        }
    }

    /** Input [784] into two Dense layers of 1,048,576 units: over a trillion weights. */
    private UUID giantDesign(Api owner, UUID project) {
        String json = new DesignJson().write(DesignBuilder.named("giant")
                .node("in", "Input", "shape", List.of(784))
                .then("wide", "Dense", "units", 1_048_576, "activation", "relu")
                .then("out", "Dense", "units", 1_048_576, "activation", "softmax").build());
        Api.Res d = owner.post("/api/projects/" + project + "/designs", Api.map("name", "giant",
                "design", Api.JSON.readTree(json)));
        assertThat(d.status()).as(d.text()).isEqualTo(201);
        return UUID.fromString(d.str("designId"));
    }

    @Test
    void aDesignLargerThanAnyWorkerIsRefusedAtQueueInWordsAndGigabytes() {
        Api owner = newUser("giant");
        UUID[] pd = projectWithDesign(owner);
        UUID giant = giantDesign(owner, pd[0]);
        long runsBefore = jdbc.sql("SELECT count(*) FROM runs WHERE project_id = ?").param(pd[0]).query(Long.class)
                .single();

        Api.Res run = owner.post("/api/projects/" + pd[0] + "/runs", Api.map("designId", giant,
                "dataset", Api.map("builtin", "fashion-mnist", "limit", 100), "config", Api.map("batchSize", 32)));
        assertThat(run.status()).as(run.text()).isEqualTo(400);
        String message = run.str("detail");
        // 1.1e12 weights x 4 bytes x (weights, gradients, two Adam moments) = about 17.6 TB
        assertThat(message).contains("training needs about 17.6 TB of memory").contains("the largest worker has ")
                .containsPattern("the largest worker has [0-9.]+ (GB|MB)").contains("weights 4.4 TB");
        assertThat(run.json().get("neededBytes").asLong()).isGreaterThan(17_000_000_000_000L);
        assertThat(run.json().get("largestWorkerBytes").asLong()).isPositive();

        Api.Res sweep = owner.post("/api/projects/" + pd[0] + "/sweeps", Api.map("designId", giant,
                "dataset", Api.map("builtin", "fashion-mnist", "limit", 100),
                "config", Api.map("epochs", 1, "batchSize", 32),
                "parameters", Api.map("learningRate", Api.map("logUniform", List.of(0.001, 0.1)))));
        assertThat(sweep.status()).as(sweep.text()).isEqualTo(400);
        assertThat(sweep.str("detail")).contains("training needs about 17.6 TB of memory")
                .containsPattern("the largest worker has [0-9.]+ (GB|MB)");

        assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE project_id = ?").param(pd[0]).query(Long.class)
                .single()).as("nothing was queued").isEqualTo(runsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM sweeps WHERE project_id = ?").param(pd[0]).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aRunThatFitsIsQueuedWithItsEstimateAndTrains() {
        Api owner = newUser("fits");
        UUID[] pd = projectWithDesign(owner);
        Api.Res created = createRun(owner, pd[0], pd[1], "default", 0, 1, 100);
        UUID run = created(created);
        // 2-16-2 MLP: 82 weights; the estimate is dominated by the engine's working memory, far below any worker
        assertThat(created.json().get("memoryBytes").asLong()).isPositive().isLessThan(200_000_000L);
        Api.Res done = awaitStatus(owner, run, Duration.ofSeconds(120), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.str("status")).as(done.text()).isEqualTo("SUCCEEDED");
        assertThat(done.json().hasNonNull("waitingReason")).isFalse();
    }

    @Test
    void workersClaimOnlyRunsThatFitThemAndARunNoLiveWorkerHoldsSaysWhy() {
        Api owner = newUser("capacity");
        UUID[] pd = projectWithDesign(owner);
        String q = uniqueQueue("capacity");
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 1, 50));
        assertThat(owner.get("/api/runs/" + run).str("waitingReason"))
                .isEqualTo("no live worker serves queue '" + q + "'; the run starts when one polls for work");
        long needs = owner.get("/api/runs/" + run).json().get("memoryBytes").asLong();

        Optional<ClaimedRun> small = queue.claim(LeaseHolder.inProcess("small-worker"), List.of(q), 30,
                Optional.of(new WorkerCapacity(needs / 2, needs / 2, List.of())));
        assertThat(small).as("a run larger than the worker stays queued").isEmpty();
        Api.Res waiting = owner.get("/api/runs/" + run);
        assertThat(waiting.str("status")).isEqualTo("QUEUED");
        assertThat(waiting.str("waitingReason")).contains("the largest live worker serving queue '" + q + "' has")
                .contains("waits for a worker with enough memory");

        // a GPU worker is judged by its GPU: plenty of CPU memory does not help a run that does not fit the GPU
        assertThat(queue.claim(LeaseHolder.inProcess("gpu-worker"), List.of(q), 30,
                Optional.of(new WorkerCapacity(1L << 40, 1L << 40, List.of(needs / 2))))).isEmpty();

        // the in-process worker measures what is available less its safety margin: with a margin larger than the
        // machine, nothing fits and the app is never pushed below it
        assertThat(queue.claim(LeaseHolder.inProcess("in-process-like"), List.of(q), 30,
                Optional.of(WorkerCapacity.measure(1L << 50)))).isEmpty();

        Optional<ClaimedRun> large = queue.claim(LeaseHolder.inProcess("large-worker"), List.of(q), 30,
                Optional.of(new WorkerCapacity(needs * 4, needs * 4, List.of())));
        assertThat(large).map(ClaimedRun::runId).contains(run);
        assertThat(owner.get("/api/runs/" + run).json().hasNonNull("waitingReason")).isFalse();
        // a worker busy training does not poll, but its heartbeats keep it a live worker of its queue
        jdbc.sql("UPDATE worker_capacity SET seen_at = now() - interval '10 minutes' WHERE owner = 'large-worker'")
                .update();
        assertThat(queue.heartbeat(run, LeaseHolder.inProcess("large-worker"), 30)).contains(false);
        assertThat(jdbc.sql("SELECT seen_at > now() - interval '1 minute' FROM worker_capacity "
                + "WHERE owner = 'large-worker'").query(Boolean.class).single()).isTrue();
        jdbc.sql("UPDATE runs SET status = 'CANCELLED', lease_owner = NULL, finished_at = now() WHERE id = ?")
                .param(run).update();
    }
}
