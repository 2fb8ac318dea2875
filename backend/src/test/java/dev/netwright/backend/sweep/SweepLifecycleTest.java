package dev.netwright.backend.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Real sweeps on the embedded PostgreSQL with the in-process worker training every trial with DJL. */
class SweepLifecycleTest extends SweepTestSupport {
    @org.springframework.beans.factory.annotation.Autowired
    private javax.sql.DataSource dataSource;

    @Test
    void aSmallRandomSweepRunsEveryTrialAtMostTwoAtATimeAndPromotesTheBest() {
        Api owner = newUser("sweep");
        UUID[] pd = projectWithDesign(owner);
        Api.Res created = launch(owner, pd[0], pd[1], Map.of("secondObjective", "parameters"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        UUID sweep = created.id();
        assertThat(created.str("state")).isEqualTo("RUNNING");

        long t0 = System.nanoTime();
        Api.Res done = await(owner, sweep, Duration.ofMinutes(4), state("COMPLETED"),
                r -> r.json().get("counts").get("queued").asInt() + r.json().get("counts").get("running").asInt() <= 2);
        System.out.printf("sweep of 4 trials (2 epochs, 300 moons) completed in %.1f s%n",
                (System.nanoTime() - t0) / 1e9);

        assertThat(done.str("stateReason")).contains("trial budget spent");
        assertThat(trialNumbers(done)).containsExactly(0, 1, 2, 3);
        double best = Double.NEGATIVE_INFINITY;
        int bestTrial = -1;
        for (JsonNode t : done.json().get("trials")) {
            assertThat(t.get("status").asString()).as(t.toString()).isEqualTo("COMPLETED");
            assertThat(t.get("epochs").asInt()).isEqualTo(2);
            assertThat(t.get("intermediate")).hasSize(2);
            double value = t.get("objective").asDouble();
            assertThat(value).isBetween(0.0, 1.0);
            int units = t.get("parameters").get("hidden.units").asInt();
            // 2-units-2 MLP: 2*u + u weights and biases, then u*2 + 2
            assertThat(t.get("secondObjective").asLong()).isEqualTo(3L * units + 2L * units + 2);
            if (value > best) {
                best = value;
                bestTrial = t.get("number").asInt();
            }
            JsonNode run = owner.get("/api/runs/" + t.get("runId").asString()).json();
            assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(run.get("sweepId").asString()).as("the trial run names its sweep").isEqualTo(sweep.toString());
            assertThat(run.get("trialNumber").asInt()).isEqualTo(t.get("number").asInt());
            assertThat(run.get("config").get("learningRate").asDouble())
                    .isEqualTo(t.get("parameters").get("learningRate").asDouble());
            String trained = jdbc.sql("SELECT trial_design FROM runs WHERE id = ?::uuid")
                    .param(t.get("runId").asString()).query(String.class).single();
            assertThat(trained).as("per-trial design variant").contains("\"units\" : " + units);
        }
        assertThat(done.json().get("bestTrial").asInt()).isEqualTo(bestTrial);
        assertThat(done.json().get("bestObjective").asDouble()).isEqualTo(best);
        assertThat(done.json().get("paretoFront")).isNotEmpty();
        assertThat(owner.get("/api/projects/" + pd[0] + "/sweeps").json().get("items").get(0).get("counts").get("completed")
                .asInt()).isEqualTo(4);

        Api.Res promoted = owner.post("/api/sweeps/" + sweep + "/promote", "");
        assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
        assertThat(promoted.json().get("trial").asInt()).isEqualTo(bestTrial);
        assertThat(promoted.json().get("version").asInt()).isEqualTo(2);
        JsonNode bestParams = promoted.json().get("parameters");
        assertThat(promoted.json().get("config").get("learningRate").asDouble())
                .isEqualTo(bestParams.get("learningRate").asDouble());
        Api.Res v2 = owner.get("/api/designs/" + pd[1] + "/versions/2");
        assertThat(v2.status()).as(v2.text()).isEqualTo(200);
        assertThat(v2.text()).contains("best trial " + bestTrial);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE target_id = ? AND action IN "
                + "('sweep.create', 'sweep.completed', 'sweep.promote')").param(sweep.toString())
                .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void stopAndExtendMoveTheSweepThroughItsStates() {
        Api owner = newUser("stop");
        UUID[] pd = projectWithDesign(owner);
        // nobody serves this queue: trials stay queued, so every transition is observed without training
        UUID sweep = created(launch(owner, pd[0], pd[1], Map.of("queue", uniqueQueue("sweep"), "maxTrials", 3)));
        Api.Res two = await(owner, sweep, Duration.ofSeconds(20), r -> r.json().get("trials").size() == 2, r -> true);
        assertThat(two.json().get("counts").get("queued").asInt()).as("max concurrent").isEqualTo(2);

        Api.Res stoppedTrial = owner.post("/api/sweeps/" + sweep + "/trials/0/stop", "");
        assertThat(stoppedTrial.status()).as(stoppedTrial.text()).isEqualTo(200);
        assertThat(stoppedTrial.json().get("trials").get(0).get("status").asString()).isEqualTo("STOPPED");
        assertThat(owner.post("/api/sweeps/" + sweep + "/trials/0/stop", "").status()).isEqualTo(409);
        assertThat(owner.post("/api/sweeps/" + sweep + "/trials/9/stop", "").status()).isEqualTo(404);
        // the freed slot goes to a new trial: 3 trials, budget spent
        Api.Res three = await(owner, sweep, Duration.ofSeconds(20), r -> r.json().get("trials").size() == 3,
                r -> true);
        sleep(600);
        assertThat(owner.get("/api/sweeps/" + sweep).json().get("trials")).as("budget of 3").hasSize(3);

        Api.Res extended = owner.post("/api/sweeps/" + sweep + "/extend", Api.map("addTrials", 2));
        assertThat(extended.status()).as(extended.text()).isEqualTo(200);
        assertThat(extended.json().get("maxTrials").asInt()).isEqualTo(5);
        // still at most 2 at a time: trial 0 was stopped, 1 and 2 are queued, so no new one yet
        sleep(600);
        assertThat(owner.get("/api/sweeps/" + sweep).json().get("trials")).hasSize(3);
        assertThat(owner.post("/api/sweeps/" + sweep + "/extend", Api.map("addTrials", 0)).status()).isEqualTo(400);

        Api.Res stopping = owner.post("/api/sweeps/" + sweep + "/stop", "");
        assertThat(stopping.status()).as(stopping.text()).isEqualTo(200);
        assertThat(stopping.str("state")).isIn("STOPPING", "STOPPED");
        Api.Res stopped = await(owner, sweep, Duration.ofSeconds(20), state("STOPPED"), r -> true);
        assertThat(stopped.json().get("counts").get("stopped").asInt()).isEqualTo(3);
        assertThat(stopped.json().get("trials").get(1).get("stopReason").asString()).isEqualTo("sweep stopped");
        assertThat(owner.post("/api/sweeps/" + sweep + "/stop", "").status()).isEqualTo(409);
        assertThat(owner.post("/api/sweeps/" + sweep + "/extend", Api.map("addTrials", 1)).status())
                .isEqualTo(409);
        assertThat(owner.post("/api/sweeps/" + sweep + "/promote", "").status()).as("nothing completed")
                .isEqualTo(409);
        sleep(600);
        assertThat(owner.get("/api/sweeps/" + sweep).json().get("trials")).as("no trial after stop").hasSize(3);
    }

    /**
     * A stop that closes a lock cycle with another transaction (here one that holds trial 1's run and then wants the
     * sweep, as a worker's claim of that trial did in a browser test) loses the deadlock and is tried again.
     */
    @Test
    void aStopThatLosesADeadlockIsTriedAgain() throws Exception {
        Api owner = newUser("deadlock");
        UUID[] pd = projectWithDesign(owner);
        UUID sweep = created(launch(owner, pd[0], pd[1], Map.of("queue", uniqueQueue("deadlock"), "maxTrials", 2)));
        Api.Res two = await(owner, sweep, Duration.ofSeconds(20), r -> r.json().get("trials").size() == 2, r -> true);
        UUID secondRun = UUID.fromString(two.json().get("trials").get(1).get("runId").asString());
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Future<?> other = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()
                .submit(() -> {
                    try (java.sql.Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        lockRow(c, "SELECT 1 FROM runs WHERE id = ? FOR UPDATE", secondRun);
                        holding.countDown();
                        sleep(300); // the stop holds the sweep and waits for this run by then
                        lockRow(c, "SELECT 1 FROM sweeps WHERE id = ? FOR UPDATE", sweep);
                        c.rollback();
                    }
                    return null;
                });
        holding.await();

        Api.Res stopping = owner.post("/api/sweeps/" + sweep + "/stop", "");

        assertThat(stopping.status()).as(stopping.text()).isEqualTo(200);
        assertThat(stopping.str("state")).isIn("STOPPING", "STOPPED");
        try {
            other.get(); // may itself be the one PostgreSQL chose to abort
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).hasMessageContaining("deadlock");
        }
        Api.Res stopped = await(owner, sweep, Duration.ofSeconds(20), state("STOPPED"), r -> true);
        assertThat(stopped.json().get("counts").get("stopped").asInt()).isEqualTo(2);
    }

    private static void lockRow(java.sql.Connection c, String sql, UUID id) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeQuery().close();
        }
    }

    @Test
    void aSpentTimeBudgetDropsTrialsThatHaveNotStartedAndExtendingItGoesOn() {
        Api owner = newUser("time");
        UUID[] pd = projectWithDesign(owner);
        // nobody serves the queue, so trials stay queued until the budget (about 1 s) runs out
        UUID sweep = created(launch(owner, pd[0], pd[1], Map.of("queue", uniqueQueue("time"), "maxTrials", 10,
                "maxMinutes", 0.02)));
        Api.Res done = await(owner, sweep, Duration.ofSeconds(30), state("COMPLETED"), r -> true);
        assertThat(done.str("stateReason")).contains("time budget spent");
        assertThat(done.json().get("trials")).hasSize(2);
        done.json().get("trials").forEach(t -> {
            assertThat(t.get("status").asString()).isEqualTo("STOPPED");
            assertThat(t.get("stopReason").asString()).isEqualTo("time budget spent");
        });

        Api.Res extended = owner.post("/api/sweeps/" + sweep + "/extend", Api.map("addMinutes", 5));
        assertThat(extended.status()).as(extended.text()).isEqualTo(200);
        assertThat(extended.str("state")).isEqualTo("RUNNING");
        Api.Res more = await(owner, sweep, Duration.ofSeconds(20), r -> r.json().get("trials").size() == 4,
                r -> true);
        assertThat(trialNumbers(more)).containsExactly(0, 1, 2, 3);
        assertThat(more.json().get("counts").get("queued").asInt()).isEqualTo(2);
        assertThat(owner.post("/api/sweeps/" + sweep + "/stop", "").status()).isEqualTo(200);
    }

    @Test
    void badSweepsAreRefusedNamingWhatIsWrong() {
        Api owner = newUser("bad");
        UUID[] pd = projectWithDesign(owner);
        Map<String, String> cases = Map.of(
                "{\"hiddne.units\": {\"choice\": [4]}}", "no node 'hiddne'",
                "{\"momentum\": {\"uniform\": [0.1, 0.9]}}", "platform runs can vary",
                "{\"batchSize\": {\"choice\": [0, 8]}}", "'batchSize' value 0",
                "{\"optimizer\": {\"choice\": [\"adam\", \"nope\"]}}", "unknown value 'nope'",
                "{\"learningRate\": {\"between\": [1, 2]}}", "unknown range kind 'between'",
                "{}", "at least one hyperparameter");
        cases.forEach((space, message) -> {
            Api.Res r = launch(owner, pd[0], pd[1], Map.of("parameters", Api.JSON.readTree(space)));
            assertThat(r.status()).as(space + " " + r.text()).isEqualTo(400);
            assertThat(r.text()).as(space).contains(message);
        });
        assertThat(launch(owner, pd[0], pd[1], Map.of("objective", "val_mae")).text()).contains("val_mae does not "
                + "exist for a classification dataset");
        assertThat(launch(owner, pd[0], pd[1], Map.of("method", "bayes")).text()).contains("method must be");
        assertThat(launch(owner, pd[0], pd[1], Map.of("maxConcurrent", 0)).text()).contains("'maxConcurrent'");
        assertThat(jdbc.sql("SELECT count(*) FROM sweeps WHERE project_id = ?").param(pd[0]).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void outsidersGet404AndViewersMayOnlyRead() {
        Api owner = newUser("sw-owner");
        UUID[] pd = projectWithDesign(owner);
        UUID ws = jdbc.sql("SELECT workspace_id FROM projects WHERE id = ?").param(pd[0]).query(UUID.class).single();
        UUID sweep = created(launch(owner, pd[0], pd[1], Map.of("queue", uniqueQueue("auth"))));
        await(owner, sweep, Duration.ofSeconds(20), r -> r.json().get("trials").size() == 2, r -> true);

        Api outsider = newUser("sw-outsider");
        Api viewer = newUser("sw-viewer");
        addMember(owner, ws, viewer, "viewer");
        assertThat(outsider.get("/api/sweeps/" + sweep).status()).isEqualTo(404);
        assertThat(outsider.get("/api/projects/" + pd[0] + "/sweeps").status()).isEqualTo(404);
        assertThat(launch(outsider, pd[0], pd[1], Map.of()).status()).isEqualTo(404);
        assertThat(viewer.get("/api/sweeps/" + sweep).status()).isEqualTo(200);
        assertThat(viewer.get("/api/projects/" + pd[0] + "/sweeps").json().get("items")).hasSize(1);
        assertThat(launch(viewer, pd[0], pd[1], Map.of()).status()).isEqualTo(403);
        for (String write : List.of("/stop", "/extend", "/trials/0/stop", "/promote")) {
            Object body = write.equals("/extend") ? Api.map("addTrials", 1) : "";
            assertThat(outsider.post("/api/sweeps/" + sweep + write, body).status()).as(write).isEqualTo(404);
            assertThat(viewer.post("/api/sweeps/" + sweep + write, body).status()).as(write).isEqualTo(403);
        }
        assertThat(owner.get("/api/sweeps/" + sweep).str("state")).as("nothing changed").isEqualTo("RUNNING");
        assertThat(owner.post("/api/sweeps/" + sweep + "/stop", "").status()).isEqualTo(200);
    }
}
