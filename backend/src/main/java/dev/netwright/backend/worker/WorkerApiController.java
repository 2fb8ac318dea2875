package dev.netwright.backend.worker;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.JobsProperties;
import dev.netwright.backend.run.LeaseHolder;
import dev.netwright.backend.run.Upload;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.run.RunQueue;
import dev.netwright.backend.design.ImportedDesigns;
import dev.netwright.backend.samples.RunSampleStore;
import dev.netwright.backend.storage.ObjectStorage;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRun;
import dev.netwright.engine.worker.WorkerCapacity;
import dev.netwright.engine.worker.Zips;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of the queue for standalone workers. The lease holder is named "token name/worker id", so two
 * processes sharing a token still hold leases apart, and is bound to the token's id, so a token of the same name
 * cannot act on the run; every call after the claim answers 409 once the caller lost (or never had) the lease.
 */
@RestController
class WorkerApiController {
    private static final String WORKER_HEADER = "X-Netwright-Worker";
    private static final long MAX_UPLOAD = 8L << 30;

    private final RunQueue queue;
    private final RunMetricsStore metrics;
    private final ArtifactStore artifacts;
    private final RunFiles files;
    private final JobsProperties properties;
    private final RunSampleStore samples;
    private final ImportedDesigns imported;

    private final ObjectStorage storage;

    WorkerApiController(RunQueue queue, RunMetricsStore metrics, ArtifactStore artifacts, RunFiles files,
                        JobsProperties properties, RunSampleStore samples, ImportedDesigns imported,
                        ObjectStorage storage) {
        this.storage = storage;
        this.imported = imported;
        this.samples = samples;
        this.queue = queue;
        this.metrics = metrics;
        this.artifacts = artifacts;
        this.files = files;
        this.properties = properties;
    }

    @PostMapping("/api/workers/claim")
    ResponseEntity<ClaimedRun> claim(@AuthenticationPrincipal WorkerPrincipal worker,
                                  @RequestHeader(name = WORKER_HEADER, required = false) String id,
                                  @RequestBody(required = false) WorkerCapacity capacity) {
        // a worker that reports no capacity (an older one) may take any run, as before
        return queue.claim(owner(worker, id), worker.queues(), properties.leaseSeconds(),
                        java.util.Optional.ofNullable(capacity)).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/api/workers/runs/{runId}/heartbeat")
    Map<String, Boolean> heartbeat(@AuthenticationPrincipal WorkerPrincipal worker,
                                   @RequestHeader(name = WORKER_HEADER, required = false) String id,
                                   @PathVariable UUID runId) {
        boolean cancel = queue.heartbeat(runId, owner(worker, id), properties.leaseSeconds())
                .orElseThrow(() -> lost(runId));
        return Map.of("cancelRequested", cancel);
    }

    /** {@code key}: the worker's own key for the point; a retry with the same key is stored once. */
    record Point(String kind, String key, JsonNode payload) {
    }

    @PostMapping("/api/workers/runs/{runId}/metrics")
    Map<String, Object> metric(@AuthenticationPrincipal WorkerPrincipal worker,
                               @RequestHeader(name = WORKER_HEADER, required = false) String id,
                               @PathVariable UUID runId, @RequestBody Point point) {
        requireHolder(worker, id, runId);
        MetricKind kind = java.util.Arrays.stream(MetricKind.values()).filter(MetricKind::fromWorker)
                .filter(k -> k.name().equals(point.kind())).findFirst().orElse(null);
        if (kind == null || point.payload() == null || !point.payload().isObject()) {
            throw ApiException.badRequest("a point needs 'kind' (BATCH, EPOCH, EVALUATION or MESSAGE) and an "
                    + "object 'payload'");
        }
        if (point.key() != null && !point.key().matches("[A-Za-z0-9_.:-]{1,100}")) {
            throw ApiException.badRequest("'key' must be 1 to 100 letters, digits or _ . : -");
        }
        return Map.of("stored", metrics.append(runId, kind, point.payload().toString(), point.key())
                .isPresent());
    }

    /** A GAN epoch's picture of generated samples (PNG, at most 2 MiB); the same epoch again replaces it. */
    @PutMapping(path = "/api/workers/runs/{runId}/samples/{epoch}", consumes = "image/png")
    ResponseEntity<Void> putSamples(@AuthenticationPrincipal WorkerPrincipal worker,
                                    @RequestHeader(name = WORKER_HEADER, required = false) String id,
                                    @PathVariable UUID runId, @PathVariable int epoch, HttpServletRequest request)
            throws IOException {
        requireHolder(worker, id, runId);
        byte[] png;
        try (InputStream in = request.getInputStream()) {
            // one byte over the limit is enough to refuse; never buffer an arbitrarily large body
            png = in.readNBytes(RunSampleStore.MAX_BYTES + 1);
        }
        try {
            samples.store(runId, epoch, png);
        } catch (RunSampleStore.PictureTooLargeException e) {
            throw ApiException.payloadTooLarge("sample picture of run " + runId + " epoch " + epoch
                    + " is larger than " + RunSampleStore.MAX_BYTES + " bytes (2 MiB)");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping(path = "/api/workers/runs/{runId}/checkpoint", consumes = "application/zip")
    ResponseEntity<Void> putCheckpoint(@AuthenticationPrincipal WorkerPrincipal worker,
                                       @RequestHeader(name = WORKER_HEADER, required = false) String id,
                                       @PathVariable UUID runId, HttpServletRequest request) throws IOException {
        LeaseHolder holder = owner(worker, id);
        requireHolder(holder, runId);
        try (InputStream in = request.getInputStream();
             Upload upload = Upload.receive(files.dir(runId), "checkpoint", in, MAX_UPLOAD)) {
            // only the current holder replaces the checkpoints, and not once the run is over
            if (!queue.whileHolding(runId, holder, () -> files.installCheckpoints(runId, upload))) {
                throw lost(runId);
            }
        } catch (Upload.TooLargeException e) {
            throw ApiException.payloadTooLarge(e.getMessage());
        }
        return ResponseEntity.noContent().build();
    }

    /** The newest checkpoints: uploaded by a standalone worker, or else those an in-process attempt left. */
    @GetMapping("/api/workers/runs/{runId}/checkpoint")
    ResponseEntity<StreamingResponseBody> getCheckpoint(@AuthenticationPrincipal WorkerPrincipal worker,
                                                        @RequestHeader(name = WORKER_HEADER, required = false) String id,
                                                        @PathVariable UUID runId) throws IOException {
        requireHolder(worker, id, runId);
        Optional<InputStream> stored = files.openCheckpoints(runId);
        Path local = files.work(runId).resolve("checkpoints");
        StreamingResponseBody body;
        if (stored.isPresent()) {
            body = out -> {
                try (InputStream in = stored.get()) {
                    in.transferTo(out);
                }
            };
        } else if (TrainingRun.hasCheckpointIn(local)) {
            body = out -> Zips.zip(local, name -> true, out);
        } else {
            throw ApiException.notFound("checkpoint of run " + runId);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip")).body(body);
    }

    /** The weights the run's design carries (imported from ONNX) as a saved model ZIP; 204 when it has none. */
    @GetMapping("/api/workers/runs/{runId}/starting-weights")
    ResponseEntity<StreamingResponseBody> startingWeights(@AuthenticationPrincipal WorkerPrincipal worker,
                                                          @RequestHeader(name = WORKER_HEADER, required = false)
                                                          String id, @PathVariable UUID runId) {
        requireHolder(worker, id, runId);
        // the folder stays (is not evicted from the cache) until the ZIP has been sent
        return imported.startingWeights(runId)
                .map(dir -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                        .body((StreamingResponseBody) out -> {
                            try (dir) {
                                imported.zip(dir.path(), out);
                            }
                        }))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping("/api/workers/runs/{runId}/dataset")
    ResponseEntity<StreamingResponseBody> dataset(@AuthenticationPrincipal WorkerPrincipal worker,
                                     @RequestHeader(name = WORKER_HEADER, required = false) String id,
                                     @PathVariable UUID runId) throws IOException {
        requireHolder(worker, id, runId);
        UUID datasetId = queue.datasetOf(runId)
                .orElseThrow(() -> ApiException.notFound("uploaded dataset of run " + runId + " (it uses a built-in)"));
        RunQueue.DatasetObject file = queue.datasetObject(datasetId);
        InputStream stored = storage.open(file.key())
                .orElseThrow(() -> ApiException.notFound("stored file of dataset " + datasetId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(out -> {
                    try (InputStream in = stored) {
                        in.transferTo(out);
                    }
                });
    }

    @PutMapping(path = "/api/workers/runs/{runId}/artifact", consumes = "application/zip")
    ResponseEntity<Void> artifact(@AuthenticationPrincipal WorkerPrincipal worker,
                                  @RequestHeader(name = WORKER_HEADER, required = false) String id,
                                  @PathVariable UUID runId, HttpServletRequest request) throws IOException {
        LeaseHolder holder = owner(worker, id);
        requireHolder(holder, runId);
        try (InputStream in = request.getInputStream(); Upload upload = artifacts.receive(runId, in, MAX_UPLOAD)) {
            // a stale holder's upload is dropped: it never replaces the current holder's or a finished run's model
            if (!queue.whileHolding(runId, holder, () -> artifacts.install(runId, upload))) {
                throw lost(runId);
            }
        } catch (Upload.TooLargeException e) {
            throw ApiException.payloadTooLarge(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/workers/runs/{runId}/finish")
    ResponseEntity<Void> finish(@AuthenticationPrincipal WorkerPrincipal worker,
                                @RequestHeader(name = WORKER_HEADER, required = false) String id,
                                @PathVariable UUID runId, @RequestBody RunEnd result) {
        if (result == null || result.status() == null || !result.status().isFinal()) {
            throw ApiException.badRequest("'status' must be SUCCEEDED, FAILED or CANCELLED");
        }
        if (result.status() == RunStatus.SUCCEEDED && artifacts.find(runId).isEmpty()) {
            throw ApiException.badRequest("upload the artifact (PUT .../artifact) before reporting success");
        }
        if (!queue.finish(runId, owner(worker, id), result)) {
            throw lost(runId);
        }
        return ResponseEntity.noContent().build();
    }

    private void requireHolder(WorkerPrincipal worker, String id, UUID runId) {
        requireHolder(owner(worker, id), runId);
    }

    private void requireHolder(LeaseHolder holder, UUID runId) {
        if (!queue.holds(runId, holder)) {
            throw lost(runId);
        }
    }

    private static ApiException lost(UUID runId) {
        return ApiException.conflict("this worker does not hold run " + runId + " (lease expired, run cancelled "
                + "or finished)");
    }

    private static LeaseHolder owner(WorkerPrincipal worker, String id) {
        String suffix = id == null || id.isBlank() ? "worker" : id.strip();
        if (suffix.length() > 100) {
            suffix = suffix.substring(0, 100);
        }
        return new LeaseHolder(worker.name() + "/" + suffix, worker.tokenId());
    }
}
