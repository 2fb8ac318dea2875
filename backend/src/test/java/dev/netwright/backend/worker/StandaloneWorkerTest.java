package dev.netwright.backend.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.worker.HttpWorkerBackend;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRunTrainer;
import dev.netwright.engine.worker.ClaimedRun;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The standalone worker's code (HTTP only: it is given a URL and a token, nothing else) trains a queued run
 * against the running server.
 */
class StandaloneWorkerTest extends RunTestSupport {

    private Api admin() {
        Api user = newUser("admin");
        String name = username(user);
        jdbc.sql("UPDATE users SET admin = true WHERE username = ?").param(name).update();
        Api admin = new Api(port);
        Api.Res login = admin.post("/api/auth/login", Api.map("username", name, "password", PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return admin;
    }

    @Test
    void workerTokenTrainsARunOverHttpAndOpensNothingElse() throws Exception {
        Api admin = admin();
        String q = uniqueQueue("gpu");
        Api.Res token = admin.post("/api/admin/worker-tokens", Api.map("name", "test-host", "queues", List.of(q)));
        assertThat(token.status()).as(token.text()).isEqualTo(201);
        String secret = token.str("secret");
        assertThat(jdbc.sql("SELECT count(*) FROM worker_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(secret).query(Integer.class).single()).as("stored hashed").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM worker_tokens WHERE prefix = ? OR name = ?")
                .params(secret, secret).query(Integer.class).single()).isZero();

        Api owner = newUser("remote");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 2, 200));

        Path scratch = Files.createTempDirectory("worker");
        HttpWorkerBackend http = new HttpWorkerBackend(URI.create("http://localhost:" + port), secret, "box-1",
                scratch);
        ClaimedRun job = http.claim().orElseThrow();
        assertThat(job.runId()).isEqualTo(run);
        assertThat(owner.get("/api/runs/" + run).str("worker")).isEqualTo("test-host/box-1");
        RunEnd result = new ClaimedRunTrainer(http).run(job);
        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);
        // it reported its capacity with the claim, and left nothing behind in its scratch folder
        assertThat(jdbc.sql("SELECT training_memory_bytes FROM worker_capacity WHERE owner = 'test-host/box-1'")
                .query(Long.class).single()).isPositive();
        try (java.util.stream.Stream<Path> left = Files.list(scratch)) {
            assertThat(left.toList()).isEmpty();
        }

        Api.Res done = owner.get("/api/runs/" + run);
        assertThat(done.str("status")).isEqualTo("SUCCEEDED");
        assertThat(owner.get("/api/runs/" + run + "/metrics?kind=epoch").json().get("points")).hasSize(2);
        assertThat(owner.getBytes("/api/runs/" + run + "/artifact").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM artifacts WHERE run_id = ?").param(run).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(http.claim()).as("queue empty").isEmpty();

        // the worker token is only for /api/workers; user credentials are not worker credentials
        assertThat(new Api(port).bearer(secret).get("/api/projects/" + pd[0] + "/runs").status()).isEqualTo(401);
        assertThat(owner.post("/api/workers/claim", "").status()).isEqualTo(401);
        assertThat(new Api(port).bearer("nww_forged").post("/api/workers/claim", "").status()).isEqualTo(401);
        // a worker that does not hold the run is refused
        HttpWorkerBackend other = new HttpWorkerBackend(URI.create("http://localhost:" + port), secret, "box-2",
                scratch);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.heartbeat(run))
                .isInstanceOf(dev.netwright.engine.worker.LeaseLostException.class);

        Api.Res revoke = admin.delete("/api/admin/worker-tokens/" + token.json().get("token").get("id").asString());
        assertThat(revoke.status()).isEqualTo(204);
        assertThat(new Api(port).bearer(secret).post("/api/workers/claim", "").status()).isEqualTo(401);
        assertThat(owner.post("/api/admin/worker-tokens", Api.map("name", "x")).status()).isEqualTo(403);
    }
    @Test
    void aWorkerPoolClaimsOnlyTheRunsOfItsOwnQueue() throws Exception {
        // A pool of workers is a token: its queues decide what the pool's workers may claim (deploy/kubernetes
        // runs one Deployment per pool, each with its own token).
        Api admin = admin();
        String gpuPool = uniqueQueue("gpu-a100");
        String cpuPool = uniqueQueue("cpu");
        String gpuSecret = admin.post("/api/admin/worker-tokens", Api.map("name", "gpu-pool", "queues",
                List.of(gpuPool))).str("secret");
        String cpuSecret = admin.post("/api/admin/worker-tokens", Api.map("name", "cpu-pool", "queues",
                List.of(cpuPool))).str("secret");
        Api owner = newUser("pools");
        UUID[] pd = projectWithDesign(owner);
        UUID cpuRun = created(createRun(owner, pd[0], pd[1], cpuPool, 0, 1, 50));
        UUID gpuRun = created(createRun(owner, pd[0], pd[1], gpuPool, 0, 1, 50));

        Path scratch = Files.createTempDirectory("pools");
        URI server = URI.create("http://localhost:" + port);
        HttpWorkerBackend gpuWorker = new HttpWorkerBackend(server, gpuSecret, "gpu-0", scratch);
        assertThat(gpuWorker.claim()).map(ClaimedRun::runId).as("the GPU pool's run").contains(gpuRun);
        assertThat(gpuWorker.claim()).as("never the CPU pool's run, though it waits longer").isEmpty();
        assertThat(owner.get("/api/runs/" + cpuRun).str("status")).isEqualTo("QUEUED");
        HttpWorkerBackend cpuWorker = new HttpWorkerBackend(server, cpuSecret, "cpu-0", scratch);
        assertThat(cpuWorker.claim()).map(ClaimedRun::runId).contains(cpuRun);
        assertThat(owner.get("/api/runs/" + gpuRun).str("worker")).isEqualTo("gpu-pool/gpu-0");
        assertThat(owner.get("/api/runs/" + cpuRun).str("worker")).isEqualTo("cpu-pool/cpu-0");
    }
}
