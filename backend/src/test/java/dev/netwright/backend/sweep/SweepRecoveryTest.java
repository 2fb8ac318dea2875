package dev.netwright.backend.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.run.RunService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** A sweep survives its scheduler going away, and a poor trial is pruned with its worker freed. */
class SweepRecoveryTest extends SweepTestSupport {
    @Autowired
    SweepScheduler scheduler;
    @Autowired
    SweepStore store;
    @Autowired
    RunService runs;
    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    dev.netwright.backend.resources.RunPolicy policy;

    @Test
    void aSweepContinuesAfterItsSchedulerStopsWithNoTrialLostOrQueuedTwice() {
        Api owner = newUser("restart");
        UUID[] pd = projectWithDesign(owner);
        UUID sweep = created(launch(owner, pd[0], pd[1], Map.of("method", "tpe", "maxTrials", 5,
                "config", Api.map("epochs", 1, "batchSize", 32, "seed", 7))));
        await(owner, sweep, Duration.ofSeconds(30), r -> r.json().get("trials").size() >= 1, r -> true);
        scheduler.stop();
        SweepScheduler second = null;
        try {
            int before = owner.get("/api/sweeps/" + sweep).json().get("trials").size();
            // the trials it queued go on training; with no scheduler nothing new is queued
            await(owner, sweep, Duration.ofSeconds(60),
                    r -> r.json().get("counts").get("completed").asInt() == before, r -> true);
            sleep(500);
            assertThat(owner.get("/api/sweeps/" + sweep).json().get("trials")).hasSize(before);

            // a new scheduler built from nothing but the database (as after an app restart), plus the old one
            // started again next to it, as two app instances would run: they must share the work, not repeat it
            second = new SweepScheduler(store, runs, audit, jdbc, tx, 100, policy);
            second.start();
            scheduler.start();
            Api.Res done = await(owner, sweep, Duration.ofMinutes(3), state("COMPLETED"), r -> true);
            assertThat(trialNumbers(done)).containsExactly(0, 1, 2, 3, 4);
            assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE sweep_id = ?").param(sweep).query(Integer.class)
                    .single()).isEqualTo(5);
            done.json().get("trials").forEach(t -> assertThat(t.get("status").asString()).isEqualTo("COMPLETED"));
        } finally {
            if (second != null) {
                second.stop();
            }
            scheduler.start();
        }
    }

    private static final int EPOCHS = 60;

    @Test
    void ashaPrunesAClearlyWorseTrialAndItsWorkerMovesOn() {
        Api owner = newUser("prune");
        UUID[] pd = projectWithDesign(owner);
        // grid order: trial 0 learns (lr 0.05), trial 1 barely moves (lr 1e-7) and is worse at ASHA's first rung
        UUID sweep = created(launch(owner, pd[0], pd[1], Map.of("method", "grid", "pruner", "asha",
                "objective", "val_loss", "maxTrials", 2, "maxConcurrent", 1,
                "dataset", Api.map("builtin", "moons", "limit", 1000),
                // long enough (about 0.1 s an epoch on a quiet machine) that the cancel, which reaches the worker
                // within a scheduler pass and a heartbeat, lands well before the poor trial could finish
                "config", Api.map("epochs", EPOCHS, "batchSize", 8, "seed", 7),
                "parameters", Api.map("learningRate", Api.map("choice", List.of(0.05, 1e-7))))));
        Api.Res done = await(owner, sweep, Duration.ofMinutes(4), state("COMPLETED"), r -> true);
        JsonNode good = done.json().get("trials").get(0);
        JsonNode poor = done.json().get("trials").get(1);
        assertThat(good.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(good.get("epochs").asInt()).isEqualTo(EPOCHS);
        assertThat(poor.get("status").asString()).as(poor.toString()).isEqualTo("PRUNED");
        assertThat(poor.get("stopReason").asString()).isEqualTo("pruned");
        assertThat(poor.get("epochs").asInt()).as("stopped early").isLessThan(EPOCHS);
        JsonNode run = owner.get("/api/runs/" + poor.get("runId").asString()).json();
        assertThat(run.get("status").asString()).isEqualTo("CANCELLED");
        System.out.printf("pruned trial ran %d of %d epochs in %.1f s (the full trial took %.1f s)%n",
                poor.get("epochs").asInt(), EPOCHS, poor.get("durationSeconds").asDouble(),
                good.get("durationSeconds").asDouble());
        // from the epoch the pruner judged to the end of the run: one scheduler pass plus one worker heartbeat
        double freed = jdbc.sql("""
                SELECT extract(epoch FROM r.finished_at - m.at)::float8 FROM runs r JOIN run_metrics m
                ON m.run_id = r.id AND m.kind = 'EPOCH' AND (m.payload->>'epoch')::int = 1 WHERE r.id = ?::uuid""")
                .param(poor.get("runId").asString()).query(Double.class).single();
        System.out.printf("pruned trial's worker freed %.2f s after the epoch that got it pruned%n", freed);
        assertThat(freed).isLessThan(5.0);
        assertThat(done.json().get("bestTrial").asInt()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'sweep.trial.prune' AND target_id = ?")
                .param(poor.get("runId").asString()).query(Integer.class).single()).isEqualTo(1);
    }
}
