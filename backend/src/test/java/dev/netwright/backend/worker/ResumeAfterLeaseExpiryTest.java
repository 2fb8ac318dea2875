package dev.netwright.backend.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.LeaseHolder;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.samples.RunSampleStore;
import dev.netwright.backend.run.RunQueue;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRunTrainer;
import dev.netwright.engine.worker.ClaimedRun;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A worker dies after its first epoch (it trained and checkpointed, then stopped heartbeating). The lease expires,
 * the run goes back to the queue, and the next worker continues from the epoch-1 checkpoint instead of restarting.
 */
class ResumeAfterLeaseExpiryTest extends RunTestSupport {
    @Autowired
    RunQueue queue;
    @Autowired
    RunMetricsStore metrics;
    @Autowired
    ArtifactStore artifacts;
    @Autowired
    RunFiles files;
    @Autowired
    RunSampleStore samples;
    @Autowired
    dev.netwright.backend.design.ImportedDesigns imported;

    @Test
    void secondAttemptResumesFromTheDeadWorkersCheckpoint() throws Exception {
        Api owner = newUser("resume");
        UUID[] pd = projectWithDesign(owner);
        String q = uniqueQueue("resume");
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 3, 200));

        ClaimedRun first = queue.claim(LeaseHolder.inProcess("doomed"), List.of(q), 2).orElseThrow();
        CancellationFlag dies = new CancellationFlag();
        RunOutcome partial = new TrainingRun().execute(new RunRequest(new DesignJson().read(first.designJson()),
                new DatasetSpec.Builtin("moons", 200), first.settings().toConfig(false)), new RunListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        dies.cancel(); // the process "dies" right after its first checkpoint
                    }
                }, files.work(run), dies);
        assertThat(partial.status()).isEqualTo(TrainingStatus.CANCELLED);
        assertThat(Files.isDirectory(files.work(run).resolve("checkpoints/last"))).isTrue();

        Api.Res requeued = awaitStatus(owner, run, Duration.ofSeconds(15), "QUEUED");
        assertThat(requeued.json().get("attempts").asInt()).isEqualTo(1);

        LocalWorkerBackend second = new LocalWorkerBackend(LeaseHolder.inProcess("rescuer"), List.of(q), 30, queue,
                metrics, artifacts, files, samples, imported, 0);
        ClaimedRun job = second.claim().orElseThrow();
        assertThat(job.attempt()).isEqualTo(2);
        RunEnd result = new ClaimedRunTrainer(second).run(job);

        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);
        Api.Res done = owner.get("/api/runs/" + run);
        assertThat(done.str("status")).isEqualTo("SUCCEEDED");
        assertThat(done.json().get("attempts").asInt()).isEqualTo(2);
        List<String> messages = jdbc.sql("SELECT payload->>'text' FROM run_metrics WHERE run_id = ? AND kind = "
                + "'MESSAGE'").param(run).query(String.class).list();
        assertThat(messages).anyMatch(m -> m.contains("resumed after epoch 1"));
        List<Integer> epochs = jdbc.sql("SELECT (payload->>'epoch')::int FROM run_metrics WHERE run_id = ? AND "
                + "kind = 'EPOCH' ORDER BY seq").param(run).query(Integer.class).list();
        assertThat(epochs).as("the second attempt trained only the remaining epochs").containsExactly(2, 3);
        assertThat(artifacts.find(run)).isPresent();
    }
}
