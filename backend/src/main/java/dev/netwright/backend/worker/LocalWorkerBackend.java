package dev.netwright.backend.worker;

import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.run.RunQueue;
import dev.netwright.backend.samples.RunSampleStore;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.worker.DatasetRef;
import dev.netwright.engine.worker.JobResult;
import dev.netwright.engine.worker.JobSpec;
import dev.netwright.engine.worker.LeaseLostException;
import dev.netwright.engine.worker.MetricPoint;
import dev.netwright.engine.worker.WorkerBackend;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The in-process worker's backend: direct calls into the queue, the metric store and the artifact store. */
final class LocalWorkerBackend implements WorkerBackend {
    private final String owner;
    private final List<String> queues;
    private final int leaseSeconds;
    private final RunQueue queue;
    private final RunMetricsStore metrics;
    private final ArtifactStore artifacts;
    private final RunFiles files;
    private final RunSampleStore samples;

    LocalWorkerBackend(String owner, List<String> queues, int leaseSeconds, RunQueue queue, RunMetricsStore metrics,
                       ArtifactStore artifacts, RunFiles files, RunSampleStore samples) {
        this.samples = samples;
        this.owner = owner;
        this.queues = queues;
        this.leaseSeconds = leaseSeconds;
        this.queue = queue;
        this.metrics = metrics;
        this.artifacts = artifacts;
        this.files = files;
    }

    @Override
    public Optional<JobSpec> claim() {
        return queue.claim(owner, queues, leaseSeconds);
    }

    @Override
    public boolean heartbeat(UUID runId) {
        return queue.heartbeat(runId, owner, leaseSeconds)
                .orElseThrow(() -> new LeaseLostException("run " + runId + " is no longer held by " + owner));
    }

    @Override
    public void metric(UUID runId, MetricPoint point) {
        metrics.append(runId, point.kind(), point.json());
    }

    @Override
    public void samplePicture(UUID runId, int epoch, byte[] png) {
        samples.store(runId, epoch, png);
    }

    @Override
    public Path workDir(JobSpec job) throws IOException {
        Path work = files.work(job.runId());
        Path zip = files.checkpointZip(job.runId());
        // a standalone worker trained it before and uploaded its checkpoints
        if (!Files.isDirectory(work.resolve("checkpoints").resolve("last")) && Files.isRegularFile(zip)) {
            try (InputStream in = Files.newInputStream(zip)) {
                Zips.unzip(in, work.resolve("checkpoints"), 8L << 30);
            }
        }
        Files.createDirectories(work);
        return work;
    }

    @Override
    public DatasetSpec dataset(JobSpec job, Path workDir) {
        DatasetRef ref = job.dataset();
        if (ref.usesBuiltin()) {
            return new DatasetSpec.Builtin(ref.builtin(), ref.limit() == null ? 0 : ref.limit());
        }
        Path file = queue.datasetFile(UUID.fromString(ref.datasetId()));
        return ref.toSpec(file, job.datasetKind());
    }

    @Override
    public void checkpointSaved(UUID runId, Path checkpointDir) {
        // already under the data folder, where the next attempt looks
    }

    @Override
    public void finish(UUID runId, JobResult result, Optional<Path> modelDir) throws IOException {
        if (!queue.holds(runId, owner)) {
            throw new LeaseLostException("run " + runId + " is no longer held by " + owner);
        }
        if (modelDir.isPresent()) {
            artifacts.storeDirectory(runId, modelDir.get());
        }
        queue.finish(runId, owner, result);
    }
}
