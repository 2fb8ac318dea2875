package dev.netwright.engine.worker;

import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.data.ArrayDataset;
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
 * Checkpoints are uploaded after every epoch so that any other worker can resume the run.
 */
public final class HttpWorkerBackend implements WorkerBackend {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String WORKER_HEADER = "X-Netwright-Worker";
    private static final long MAX_CHECKPOINT_BYTES = 8L << 30;
    /** Memory kept back from runs for the worker process itself and the rest of its machine. */
    static final long RESERVE_BYTES = 512L << 20;

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
    public Optional<ClaimedRun> claim() throws IOException {
        // the capacity travels with every poll: the server hands out only runs whose memory estimate fits
        String capacity = JSON.writeValueAsString(WorkerCapacity.measure(RESERVE_BYTES));
        HttpResponse<String> r = send(request("/api/workers/claim").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(capacity)), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 204) {
            return Optional.empty();
        }
        check(r, r.body());
        return Optional.of(JSON.readValue(r.body(), ClaimedRun.class));
    }

    /** A run that drives the machine below half the reserve is stopped before the kernel's OOM killer steps in. */
    @Override
    public Optional<String> memoryPressure() {
        long available = WorkerCapacity.availableMemoryBytes();
        return available < RESERVE_BYTES / 2 ? Optional.of("stopped: the worker machine's available memory fell to "
                + available / (1 << 20) + " MiB, below half the " + RESERVE_BYTES / (1 << 20) + " MiB it keeps free; "
                + "train a smaller design or batch, or use a worker with more memory") : Optional.empty();
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
        String body = "{\"kind\":" + JSON.writeValueAsString(point.kind()) + ",\"key\":"
                + JSON.writeValueAsString(point.key()) + ",\"payload\":" + point.json() + "}";
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
    public Path workDir(ClaimedRun claimed) throws IOException {
        Path dir = scratch.resolve(claimed.runId().toString());
        if (TrainingRun.hasCheckpoint(dir)) {
            return dir; // this machine trained it before
        }
        HttpResponse<InputStream> r = send(request(run(claimed.runId(), "checkpoint")).GET(),
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

    /** The design's weights from the server (204: none), unpacked once into the run's folder. */
    @Override
    public Optional<Path> startingWeights(ClaimedRun claimed, Path workDir) throws IOException {
        Path dir = workDir.resolve("starting-weights");
        if (Files.isRegularFile(dir.resolve("model.json"))) {
            return Optional.of(dir);
        }
        HttpResponse<InputStream> r = send(request(run(claimed.runId(), "starting-weights")).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() == 204) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                check(r, new String(in.readAllBytes()));
            }
            Zips.unzip(in, dir, MAX_CHECKPOINT_BYTES);
        }
        return Optional.of(dir);
    }

    @Override
    public DatasetSpec dataset(ClaimedRun claimed, Path workDir) throws IOException {
        DatasetRef ref = claimed.dataset();
        if (ref.usesBuiltin()) {
            return new DatasetSpec.Builtin(ref.builtin(), ref.limit() == null ? 0 : ref.limit());
        }
        String ext = switch (claimed.datasetKind()) {
            case "TSV" -> ".tsv";
            case "IMAGE_ZIP" -> ".zip";
            default -> ".csv";
        };
        Path file = workDir.resolve("dataset" + ext);
        if (!Files.isRegularFile(file)) {
            HttpResponse<Path> r = send(request(run(claimed.runId(), "dataset")).GET(),
                    HttpResponse.BodyHandlers.ofFile(workDir.resolve("dataset.part")));
            check(r, "dataset download");
            Files.move(r.body(), file);
        }
        return ref.toSpec(file, claimed.datasetKind());
    }

    @Override
    public void checkpointSaved(UUID runId, Path checkpointDir) throws IOException {
        upload(runId, "checkpoint", checkpointDir, name -> true);
    }

    /** Zips {@code dir} into a temp file of its own (deleted afterwards, whatever happens) and PUTs it. */
    private void upload(UUID runId, String what, Path dir, java.util.function.Predicate<String> include)
            throws IOException {
        Files.createDirectories(scratch);
        Path zip = Files.createTempFile(scratch, runId + "-" + what + "-", ".zip");
        try {
            try (java.io.OutputStream out = Files.newOutputStream(zip)) {
                Zips.zip(dir, include, out);
            }
            HttpResponse<String> r = send(request(run(runId, what)).header("Content-Type", "application/zip")
                    .PUT(HttpRequest.BodyPublishers.ofFile(zip)), HttpResponse.BodyHandlers.ofString());
            check(r, r.body());
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    @Override
    public void finish(UUID runId, RunEnd result, Optional<Path> modelDir) throws IOException {
        if (modelDir.isPresent()) {
            upload(runId, "artifact", modelDir.get(), Zips::isModelFile);
        }
        HttpResponse<String> r = send(request(run(runId, "finish")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(result))),
                HttpResponse.BodyHandlers.ofString());
        check(r, r.body());
    }

    /** The scratch folder (checkpoints, dataset copy) and upload ZIPs of a run this worker is done with. */
    @Override
    public void cleanUp(ClaimedRun claimed) {
        for (Path p : java.util.List.of(scratch.resolve(claimed.runId().toString()),
                scratch.resolve(claimed.runId() + "-checkpoints.zip"),
                scratch.resolve(claimed.runId() + "-model.zip"))) {
            if (!Files.exists(p)) {
                continue;
            }
            try (java.util.stream.Stream<Path> all = Files.walk(p)) {
                for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                System.getLogger(HttpWorkerBackend.class.getName()).log(System.Logger.Level.WARNING,
                        "could not remove " + p + ": " + e);
            }
        }
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
