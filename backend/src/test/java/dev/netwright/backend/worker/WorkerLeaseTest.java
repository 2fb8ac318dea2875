package dev.netwright.backend.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.LeaseHolder;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.run.RunQueue;
import dev.netwright.backend.samples.RunSampleStore;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.predict.Predictor;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.worker.HttpWorkerBackend;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRunTrainer;
import dev.netwright.engine.worker.ClaimedRun;
import dev.netwright.engine.worker.MetricPoint;
import dev.netwright.engine.worker.WorkerBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Leases of standalone workers belong to the worker token that claimed them (token names are not unique, the
 * worker header is the client's choice), uploads are installed only by the current holder, and the server trusts
 * a worker's artifact no further than it must: predictions compile the design stored for the run.
 */
class WorkerLeaseTest extends RunTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    RunFiles files;
    @Autowired
    ArtifactStore artifacts;
    @Autowired
    RunQueue queue;
    @Autowired
    RunMetricsStore metrics;
    @Autowired
    RunSampleStore samples;
    @Autowired
    dev.netwright.backend.design.ImportedDesigns imported;

    private Api admin() {
        Api user = newUser("lease-admin");
        String name = username(user);
        jdbc.sql("UPDATE users SET admin = true WHERE username = ?").param(name).update();
        Api admin = new Api(port);
        Api.Res login = admin.post("/api/auth/login", Api.map("username", name, "password", PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return admin;
    }

    private static String workerToken(Api admin, String name, String queue) {
        Api.Res token = admin.post("/api/admin/worker-tokens", Api.map("name", name, "queues", List.of(queue)));
        assertThat(token.status()).as(token.text()).isEqualTo(201);
        return token.str("secret");
    }

    /** A raw worker call; returns the status code. */
    private int call(String secret, String workerId, String method, String path, String type, byte[] body)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + secret).header("X-Netwright-Worker", workerId);
        if (type != null) {
            r.header("Content-Type", type);
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] zip(int extraEntries, boolean withManifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (withManifest) {
                zip.putNextEntry(new ZipEntry("model.json"));
                zip.write("{}".getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < extraEntries; i++) {
                zip.putNextEntry(new ZipEntry("f" + i));
            }
        }
        return bytes.toByteArray();
    }

    private List<Path> leftovers(UUID run) throws IOException {
        if (!Files.isDirectory(files.dir(run))) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(files.dir(run))) {
            return all.filter(p -> p.getFileName().toString().endsWith(".upload")).toList();
        }
    }

    @Test
    void anotherTokenOfTheSameNameCannotActOnTheRun() throws Exception {
        Api admin = admin();
        String q = uniqueQueue("lease");
        String holderSecret = workerToken(admin, "gpu-host", q);
        String twinSecret = workerToken(admin, "gpu-host", q); // same name, another token
        Api owner = newUser("lease-owner");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 2, 200));

        Path scratch = Files.createTempDirectory("lease-worker");
        HttpWorkerBackend holder = new HttpWorkerBackend(URI.create("http://localhost:" + port), holderSecret,
                "box-1", scratch);
        ClaimedRun job = holder.claim().orElseThrow();
        assertThat(job.runId()).isEqualTo(run);
        assertThat(owner.get("/api/runs/" + run).str("worker")).isEqualTo("gpu-host/box-1");

        // the twin token presents the very same worker name, and is refused everything
        String base = "/api/workers/runs/" + run;
        assertThat(call(twinSecret, "box-1", "POST", base + "/heartbeat", null, null)).isEqualTo(409);
        assertThat(call(twinSecret, "box-1", "POST", base + "/metrics", "application/json",
                "{\"kind\":\"MESSAGE\",\"key\":\"twin-1\",\"payload\":{\"text\":\"not mine\"}}"
                        .getBytes(StandardCharsets.UTF_8))).isEqualTo(409);
        assertThat(call(twinSecret, "box-1", "PUT", base + "/checkpoint", "application/zip", zip(1, false)))
                .isEqualTo(409);
        assertThat(call(twinSecret, "box-1", "GET", base + "/checkpoint", null, null)).isEqualTo(409);
        assertThat(call(twinSecret, "box-1", "PUT", base + "/artifact", "application/zip", zip(0, true)))
                .isEqualTo(409);
        assertThat(call(twinSecret, "box-1", "POST", base + "/finish", "application/json",
                "{\"status\":\"FAILED\",\"failure\":\"hijacked\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(409);
        assertThat(owner.get("/api/runs/" + run).str("status")).isEqualTo("RUNNING");
        assertThat(jdbc.sql("SELECT count(*) FROM run_metrics WHERE run_id = ? AND point_key = 'twin-1'")
                .param(run).query(Integer.class).single()).isZero();
        assertThat(artifacts.find(run)).isEmpty();
        assertThat(leftovers(run)).isEmpty();
        assertThat(holder.heartbeat(run)).as("the holder keeps its lease").isFalse();

        // the holder trains and finishes; its artifact's design.json was tampered with on the way
        TamperedDesign tampering = new TamperedDesign(holder);
        RunEnd result = new ClaimedRunTrainer(tampering).run(job);
        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);
        Api.Res predicted = owner.post("/api/models/" + run + "/predict", Api.JSON.readTree(SAMPLE));
        assertThat(predicted.status()).as(predicted.text()).isEqualTo(200);
        var probabilities = predicted.json().get("predictions").get(0).get("probabilities");
        assertThat(tampering.truth).isNotEmpty();
        tampering.truth.forEach((label, p) -> assertThat(probabilities.get(label).asDouble())
                .as("P(%s) from the network that was trained, not the artifact's design.json", label)
                .isCloseTo(p, org.assertj.core.api.Assertions.within(1e-5)));

        // a finished run's artifact is never replaced, not even by its last holder
        ArtifactStore.Artifact stored = artifacts.find(run).orElseThrow();
        assertThat(call(holderSecret, "box-1", "PUT", base + "/artifact", "application/zip", zip(0, true)))
                .isEqualTo(409);
        assertThat(call(holderSecret, "box-1", "PUT", base + "/checkpoint", "application/zip", zip(1, false)))
                .isEqualTo(409);
        assertThat(artifacts.find(run).orElseThrow().sha256()).isEqualTo(stored.sha256());
        assertThat(leftovers(run)).as("refused uploads leave no temp file").isEmpty();
    }

    @Test
    void badArtifactsAreRefusedWithAReasonAndLeaveNothing() throws Exception {
        Api admin = admin();
        String q = uniqueQueue("artifact");
        String secret = workerToken(admin, "checker", q);
        Api owner = newUser("artifact-owner");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 1, 100));
        HttpWorkerBackend worker = new HttpWorkerBackend(URI.create("http://localhost:" + port), secret, "w",
                Files.createTempDirectory("artifact-worker"));
        worker.claim().orElseThrow();
        String path = "/api/workers/runs/" + run + "/artifact";

        assertThat(call(secret, "w", "PUT", path, "application/zip", "not a zip".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(400);
        assertThat(call(secret, "w", "PUT", path, "application/zip", zip(2, false))).isEqualTo(400);
        assertThat(call(secret, "w", "PUT", path, "application/zip", zip(ArtifactStore.MAX_ENTRIES, true)))
                .as("more entries than an artifact may hold").isEqualTo(400);
        assertThat(artifacts.find(run)).isEmpty();
        assertThat(leftovers(run)).isEmpty();
        assertThat(call(secret, "w", "PUT", path, "application/zip", zip(3, true))).isEqualTo(204);
        assertThat(artifacts.find(run)).isPresent();
        assertThat(leftovers(run)).isEmpty();
        worker.finish(run, new RunEnd(RunStatus.FAILED, "test over", null), Optional.empty());
    }

    /**
     * An upload that was under way when the run finished (the holder checked at its start) must not land: the move
     * into place happens under the run's lock, only while the lease is still held.
     */
    @Test
    void anUploadStillStreamingWhenTheRunFinishesNeverReplacesItsArtifact() throws Exception {
        Api admin = admin();
        String q = uniqueQueue("stale");
        String secret = workerToken(admin, "slow-host", q);
        Api owner = newUser("stale-owner");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 1, 100));
        HttpWorkerBackend worker = new HttpWorkerBackend(URI.create("http://localhost:" + port), secret, "w",
                Files.createTempDirectory("stale-worker"));
        worker.claim().orElseThrow();
        String path = "/api/workers/runs/" + run + "/artifact";
        assertThat(call(secret, "w", "PUT", path, "application/zip", zip(1, true))).isEqualTo(204);
        String first = artifacts.find(run).orElseThrow().sha256();

        byte[] late = zip(2, true);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.io.InputStream slow = new java.io.InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos == 10) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return pos < late.length ? late[pos++] & 0xff : -1;
            }
        };
        var pending = HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + secret).header("X-Netwright-Worker", "w")
                .header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> slow)).build(),
                HttpResponse.BodyHandlers.discarding());
        sleep(1000); // the server has accepted the request and waits for the rest of its body
        worker.finish(run, new RunEnd(RunStatus.SUCCEEDED, null, null), Optional.empty());
        assertThat(owner.get("/api/runs/" + run).str("status")).isEqualTo("SUCCEEDED");
        release.countDown();

        assertThat(pending.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(409);
        assertThat(artifacts.find(run).orElseThrow().sha256()).as("the finished run's artifact").isEqualTo(first);
        assertThat(leftovers(run)).isEmpty();

        // the same for an in-process worker that believes it still holds the run
        Path model = Files.createTempDirectory("stale-model");
        Files.writeString(model.resolve("model.json"), "{}");
        LocalWorkerBackend stale = new LocalWorkerBackend(LeaseHolder.inProcess("stale-local"), List.of(q), 30,
                queue, metrics, artifacts, files, samples, imported, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stale.finish(run,
                new RunEnd(RunStatus.SUCCEEDED, null, null), Optional.of(model)))
                .isInstanceOf(dev.netwright.engine.worker.LeaseLostException.class);
        assertThat(artifacts.find(run).orElseThrow().sha256()).isEqualTo(first);
        assertThat(leftovers(run)).isEmpty();
    }

    private static final String SAMPLE = "{\"inputs\": [[0.5, 0.25]]}";

    /**
     * Passes everything through, but swaps the model's design.json for another network before the upload (the
     * same weights fit it: only the hidden activation differs). Keeps what the trained network answers.
     */
    private static final class TamperedDesign implements WorkerBackend {
        private final WorkerBackend inner;
        volatile java.util.Map<String, Double> truth = java.util.Map.of();

        TamperedDesign(WorkerBackend inner) {
            this.inner = inner;
        }

        @Override
        public Optional<ClaimedRun> claim() throws IOException {
            return inner.claim();
        }

        @Override
        public boolean heartbeat(UUID runId) throws IOException {
            return inner.heartbeat(runId);
        }

        @Override
        public void metric(UUID runId, MetricPoint point) throws IOException {
            inner.metric(runId, point);
        }

        @Override
        public void samplePicture(UUID runId, int epoch, byte[] png) throws IOException {
            inner.samplePicture(runId, epoch, png);
        }

        @Override
        public Path workDir(ClaimedRun job) throws IOException {
            return inner.workDir(job);
        }

        @Override
        public DatasetSpec dataset(ClaimedRun job, Path workDir) throws IOException {
            return inner.dataset(job, workDir);
        }

        @Override
        public void checkpointSaved(UUID runId, Path checkpointDir) throws IOException {
            inner.checkpointSaved(runId, checkpointDir);
        }

        @Override
        public void finish(UUID runId, RunEnd result, Optional<Path> modelDir) throws IOException {
            if (modelDir.isPresent()) {
                try (Predictor trained = Predictor.load(modelDir.get())) {
                    truth = trained.predict(trained.readBody(Api.JSON.readTree(SAMPLE))).getFirst().probabilities();
                }
                Files.writeString(modelDir.get().resolve("design.json"), new DesignJson().write(
                        DesignBuilder.named("not what was trained").node("in", "Input", "shape", List.of(2))
                                .then("hidden", "Dense", "units", 16, "activation", "sigmoid")
                                .then("out", "Dense", "units", 2, "activation", "softmax").build()));
            }
            inner.finish(runId, result, modelDir);
        }
    }
}
