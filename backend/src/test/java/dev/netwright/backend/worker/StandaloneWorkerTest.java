package dev.netwright.backend.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.worker.HttpWorkerBackend;
import dev.netwright.engine.worker.JobResult;
import dev.netwright.engine.worker.JobRunner;
import dev.netwright.engine.worker.JobSpec;
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
        JobSpec job = http.claim().orElseThrow();
        assertThat(job.runId()).isEqualTo(run);
        assertThat(owner.get("/api/runs/" + run).str("worker")).isEqualTo("test-host/box-1");
        JobResult result = new JobRunner(http).run(job);
        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);

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
}
