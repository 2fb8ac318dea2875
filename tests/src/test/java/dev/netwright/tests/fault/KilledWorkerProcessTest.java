package dev.netwright.tests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.worker.HttpWorkerBackend;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRunTrainer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A real {@code netwright worker} process (its own JVM, given only the URL and a token) is killed with SIGKILL
 * mid-training. Its lease expires, the run goes back to the queue, and another worker finishes it from the
 * checkpoint the dead one uploaded: every epoch's metrics appear exactly once. Supervised runs and GANs alike.
 */
class KilledWorkerProcessTest extends RunTestSupport {
    @Autowired
    dev.netwright.backend.storage.ObjectStorage storage;

    @Test
    void killedWorkerIsReplacedAndTheRunResumesFromItsUploadedCheckpoint() throws Exception {
        String q = uniqueQueue("kill");
        String secret = workerSecret(q);
        Api owner = newUser("kill");
        UUID[] pd = projectWithDesign(owner);
        int epochs = 20;
        UUID run = created(owner.post("/api/projects/" + pd[0] + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons", "limit", 1000),
                "config", Api.map("epochs", epochs, "batchSize", 8), "queue", q)));
        killMidRunAndFinishElsewhere(owner, run, epochs, secret);
    }

    /** The same for a GAN, whose checkpoints live in generator/ and discriminator/ sub-folders. */
    @Test
    void killedGanWorkerIsReplacedAndTheGanResumesFromItsUploadedCheckpoint() throws Exception {
        String q = uniqueQueue("kill-gan");
        String secret = workerSecret(q);
        Api owner = newUser("kill-gan");
        UUID project = project(owner, workspace(owner, "gan"));
        String json = new DesignJson().write(Templates.find("mlp-gan-2d").orElseThrow().design());
        Api.Res d = owner.post("/api/projects/" + project + "/designs",
                Api.map("name", "gan", "design", Api.JSON.readTree(json)));
        assertThat(d.status()).as(d.text()).isEqualTo(201);
        int epochs = 20;
        UUID run = created(owner.post("/api/projects/" + project + "/runs", Api.map("designId", d.str("designId"),
                "dataset", Api.map("builtin", "gaussian-mixture", "limit", 1000),
                "config", Api.map("epochs", epochs, "batchSize", 8), "queue", q)));
        killMidRunAndFinishElsewhere(owner, run, epochs, secret);
    }

    private String workerSecret(String queue) {
        Api user = newUser("kadmin");
        jdbc.sql("UPDATE users SET admin = true WHERE username = ?").param(username(user)).update();
        Api admin = new Api(port);
        assertThat(admin.post("/api/auth/login", Api.map("username", username(user), "password", PASSWORD))
                .status()).isEqualTo(200);
        return admin.post("/api/admin/worker-tokens", Api.map("name", "doomed", "queues", List.of(queue)))
                .str("secret");
    }

    /**
     * Starts a worker process, kills it (SIGKILL) once it stored two epochs and uploaded a checkpoint, waits for the
     * run to be re-queued, and lets another worker finish it: every epoch is stored exactly once.
     */
    private void killMidRunAndFinishElsewhere(Api owner, UUID run, int epochs, String secret) throws Exception {
        Path scratch = Files.createTempDirectory("killed-worker");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "dev.netwright.engine.cli.NetwrightCli", "worker", "--server", "http://localhost:" + port,
                "--token", secret, "--name", "child", "--work-dir", scratch.toString(), "--poll", "1")
                .redirectErrorStream(true).redirectOutput(scratch.resolve("worker.log").toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process child = pb.start();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            // two epochs reported and a checkpoint uploaded (the worker's own zip is a temp file, gone after upload)
            while (epochsStored(run).size() < 2 || !storage.exists(RunFiles.checkpointKey(run))) {
                assertThat(child.isAlive()).as("worker log: %s", Files.exists(scratch.resolve("worker.log"))
                        ? Files.readString(scratch.resolve("worker.log")) : "").isTrue();
                assertThat(System.nanoTime()).as("the child worker trained two epochs in time").isLessThan(end);
                sleep(100);
            }
            assertThat(owner.get("/api/runs/" + run).str("worker")).isEqualTo("doomed/child");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the server
            child.waitFor(10, TimeUnit.SECONDS);
        }
        int doneByChild = epochsStored(run).size();
        assertThat(doneByChild).isLessThan(epochs);

        Api.Res requeued = awaitStatus(owner, run, Duration.ofSeconds(20), "QUEUED");
        assertThat(requeued.json().get("attempts").asInt()).isEqualTo(1);

        HttpWorkerBackend rescuer = new HttpWorkerBackend(URI.create("http://localhost:" + port), secret, "rescuer",
                Files.createTempDirectory("rescuer"));
        RunEnd result = new ClaimedRunTrainer(rescuer).run(rescuer.claim().orElseThrow());
        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(epochsStored(run)).as("each epoch once, none missing")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, epochs).boxed().toList());
        List<String> messages = jdbc.sql("SELECT payload->>'text' FROM run_metrics WHERE run_id = ? AND kind = "
                + "'MESSAGE'").param(run).query(String.class).list();
        assertThat(messages).anyMatch(m -> m.startsWith("resumed after epoch"));
        Api.Res done = owner.get("/api/runs/" + run);
        assertThat(done.str("status")).isEqualTo("SUCCEEDED");
        assertThat(done.json().get("attempts").asInt()).isEqualTo(2);
    }

    private List<Integer> epochsStored(UUID run) {
        return jdbc.sql("SELECT (payload->>'epoch')::int FROM run_metrics WHERE run_id = ? AND kind = 'EPOCH' "
                + "ORDER BY (payload->>'epoch')::int").param(run).query(Integer.class).list();
    }
}
