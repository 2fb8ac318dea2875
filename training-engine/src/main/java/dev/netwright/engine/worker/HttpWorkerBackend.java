package dev.netwright.engine.worker;

import dev.netwright.engine.run.DatasetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone worker's side of {@code /api/workers}: plain HTTP with a worker token, no database access.
 * Checkpoints are uploaded after every epoch so that any other worker can resume the job.
 */
public final class HttpWorkerBackend implements WorkerBackend {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String WORKER_HEADER = "X-Netwright-Worker";
    private static final long MAX_CHECKPOINT_BYTES = 8L << 30;

    private final URI server;
    private final String token;
    private final String workerId;
    private final Path scratch;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HttpWorkerBackend(URI server, String token, String workerId, Path scratch) {
        this.server = server;
        this.token = token;
        this.workerId = workerId;
        this.scratch = scratch;
    }

    @Override
    public Optional<JobSpec> claim() throws IOException {
        HttpResponse<String> r = send(request("/api/workers/claim").POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 204) {
            return Optional.empty();
        }
        check(r, r.body());
        return Optional.of(JSON.readValue(r.body(), JobSpec.class));
    }

    @Override
    public boolean heartbeat(UUID runId) throws IOException {
        HttpResponse<String> r = send(request(run(runId, "heartbeat")).POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofString());
        check(r, r.body());
        return JSON.readTree(r.body()).path("cancelRequested").asBoolean(false);
    }

    @Override
    public void metric(UUID runId, MetricPoint point) throws IOException {
        String body = "{\"kind\":" + JSON.writeValueAsString(point.kind()) + ",\"payload\":" + point.json() + "}";
        HttpResponse<String> r = send(request(run(runId, "metrics")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());
        check(r, r.body());
    }

    @Override
    public void samplePicture(UUID runId, int epoch, byte[] png) throws IOException {
        HttpResponse<String> r = send(request(run(runId, "samples/" + epoch)).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png)), HttpResponse.BodyHandlers.ofString());
        check(r, r.body());
    }

    @Override
    public Path workDir(JobSpec job) throws IOException {
        Path dir = scratch.resolve(job.runId().toString());
        if (Files.isDirectory(dir.resolve("checkpoints").resolve("last"))) {
            return dir; // this machine trained it before
        }
        HttpResponse<InputStream> r = send(request(run(job.runId(), "checkpoint")).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() == 200) {
                Zips.unzip(in, dir.resolve("checkpoints"), MAX_CHECKPOINT_BYTES);
            } else if (r.statusCode() != 404) {
                check(r, new String(in.readAllBytes()));
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    @Override
    public DatasetSpec dataset(JobSpec job, Path workDir) throws IOException {
        DatasetRef ref = job.dataset();
        if (ref.usesBuiltin()) {
            return new DatasetSpec.Builtin(ref.builtin(), ref.limit() == null ? 0 : ref.limit());
        }
        String ext = switch (job.datasetKind()) {
            case "TSV" -> ".tsv";
            case "IMAGE_ZIP" -> ".zip";
            default -> ".csv";
        };
        Path file = workDir.resolve("dataset" + ext);
        if (!Files.isRegularFile(file)) {
            HttpResponse<Path> r = send(request(run(job.runId(), "dataset")).GET(),
                    HttpResponse.BodyHandlers.ofFile(workDir.resolve("dataset.part")));
            check(r, "dataset download");
            Files.move(r.body(), file);
        }
        return ref.toSpec(file, job.datasetKind());
    }

    @Override
    public void checkpointSaved(UUID runId, Path checkpointDir) throws IOException {
        Path zip = scratch.resolve(runId + "-checkpoints.zip");
        Zips.zip(checkpointDir, name -> true, zip);
        HttpResponse<String> r = send(request(run(runId, "checkpoint")).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofFile(zip)), HttpResponse.BodyHandlers.ofString());
        check(r, r.body());
    }

    @Override
    public void finish(UUID runId, JobResult result, Optional<Path> modelDir) throws IOException {
        if (modelDir.isPresent()) {
            Path zip = scratch.resolve(runId + "-model.zip");
            Zips.zip(modelDir.get(), Zips::isModelFile, zip);
            HttpResponse<String> r = send(request(run(runId, "artifact")).header("Content-Type", "application/zip")
                    .PUT(HttpRequest.BodyPublishers.ofFile(zip)), HttpResponse.BodyHandlers.ofString());
            check(r, r.body());
        }
        HttpResponse<String> r = send(request(run(runId, "finish")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(result))),
                HttpResponse.BodyHandlers.ofString());
        check(r, r.body());
    }

    private static String run(UUID runId, String what) {
        return "/api/workers/runs/" + runId + "/" + what;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header(WORKER_HEADER, workerId);
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void check(HttpResponse<?> r, String body) throws IOException {
        if (r.statusCode() == 409 || r.statusCode() == 410) {
            throw new LeaseLostException("server says: " + body);
        }
        if (r.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + r.statusCode() + " from " + r.uri() + ": " + body);
        }
    }
}
