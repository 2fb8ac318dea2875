package dev.netwright.backend.worker;

import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.LeaseHolder;
import dev.netwright.backend.design.ImportedDesigns;
import dev.netwright.backend.resources.MemoryEstimate;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.run.RunQueue;
import dev.netwright.backend.run.Upload;
import dev.netwright.backend.samples.RunSampleStore;
import dev.netwright.backend.storage.ObjectStorage;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.worker.DatasetRef;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRun;
import dev.netwright.engine.worker.LeaseLostException;
import dev.netwright.engine.worker.MetricPoint;
import dev.netwright.engine.worker.WorkerBackend;
import dev.netwright.engine.worker.WorkerCapacity;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The in-process worker's backend: direct calls into the queue, the metric store and the artifact store. While the
 * database is briefly unreachable, calls fail with an IOException, which the
 * {@link dev.netwright.engine.worker.ClaimedRunTrainer} retries (metric points keep their key, so a retry never stores a
 * point twice), just as a standalone worker retries while the server is down.
 */
final class LocalWorkerBackend implements WorkerBackend {
    private final java.util.Map<UUID, ObjectStorage.LocalFile> datasetsInUse =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final LeaseHolder owner;
    private final List<String> queues;
    private final int leaseSeconds;
    private final RunQueue queue;
    private final RunMetricsStore metrics;
    private final ArtifactStore artifacts;
    private final RunFiles files;
    private final RunSampleStore samples;
    private final ImportedDesigns imported;
    private final long marginBytes;

    LocalWorkerBackend(LeaseHolder owner, List<String> queues, int leaseSeconds, RunQueue queue,
                       RunMetricsStore metrics, ArtifactStore artifacts, RunFiles files, RunSampleStore samples,
                       ImportedDesigns imported, long marginBytes) {
        this.imported = imported;
        this.samples = samples;
        this.marginBytes = marginBytes;
        this.owner = owner;
        this.queues = queues;
        this.leaseSeconds = leaseSeconds;
        this.queue = queue;
        this.metrics = metrics;
        this.artifacts = artifacts;
        this.files = files;
    }

    @Override
    public Optional<Path> startingWeights(ClaimedRun job, Path workDir) throws IOException {
        return imported.startingWeights(job.runId(), workDir);
    }

    /**
     * Measures what a run may use right now, leaving the app its heap headroom and the safety margin, so that a run
     * this worker claims cannot take the app below the margin (as far as the run's estimate holds).
     */
    @Override
    public Optional<ClaimedRun> claim() throws IOException {
        return database("claim", () -> queue.claim(owner, queues, leaseSeconds,
                Optional.of(WorkerCapacity.measure(marginBytes))));
    }

    @Override
    public boolean heartbeat(UUID runId) throws IOException {
        return database("heartbeat", () -> queue.heartbeat(runId, owner, leaseSeconds))
                .orElseThrow(() -> new LeaseLostException("run " + runId + " is no longer held by " + owner));
    }

    /**
     * The run stops (and fails) when the machine's available memory falls below half the safety margin: the estimate
     * was wrong or something else grew, and the app must not be the one that runs out.
     */
    @Override
    public Optional<String> memoryPressure() {
        long available = WorkerCapacity.availableMemoryBytes();
        if (available < marginBytes / 2) {
            return Optional.of("stopped to protect the app: the machine's available memory fell to "
                    + MemoryEstimate.words(available) + ", below half the safety margin of "
                    + MemoryEstimate.words(marginBytes) + " that in-process training leaves free");
        }
        return Optional.empty();
    }

    @Override
    public void metric(UUID runId, MetricPoint point) throws IOException {
        database("store a metric point", () -> metrics.append(runId, point.kind(), point.json(), point.key()));
    }

    @Override
    public void samplePicture(UUID runId, int epoch, byte[] png) throws IOException {
        database("store a sample picture", () -> {
            samples.store(runId, epoch, png);
            return null;
        });
    }

    @Override
    public Path workDir(ClaimedRun job) throws IOException {
        Path work = files.work(job.runId());
        // a standalone worker or another instance trained it before and stored its checkpoints
        if (!TrainingRun.hasCheckpoint(work)) {
            Optional<InputStream> stored = files.openCheckpoints(job.runId());
            if (stored.isPresent()) {
                try (InputStream in = stored.get()) {
                    Zips.unzip(in, work.resolve("checkpoints"), 8L << 30);
                }
            }
        }
        Files.createDirectories(work);
        return work;
    }

    @Override
    public DatasetSpec dataset(ClaimedRun job, Path workDir) throws IOException {
        DatasetRef ref = job.dataset();
        if (ref.usesBuiltin()) {
            return new DatasetSpec.Builtin(ref.builtin(), ref.limit() == null ? 0 : ref.limit());
        }
        ObjectStorage.LocalFile file = queue.datasetFile(UUID.fromString(ref.datasetId()));
        // kept (not evicted from the S3 download cache) until the run is done with it: see cleanUp
        ObjectStorage.LocalFile before = datasetsInUse.put(job.runId(), file);
        if (before != null) {
            before.close();
        }
        return ref.toSpec(file.path(), job.datasetKind());
    }

    @Override
    public void cleanUp(ClaimedRun claimed) {
        ObjectStorage.LocalFile dataset = datasetsInUse.remove(claimed.runId());
        if (dataset != null) {
            dataset.close();
        }
    }

    @Override
    public void checkpointSaved(UUID runId, Path checkpointDir) throws IOException {
        // in the data folder already, where a next attempt here looks; shared storage gets a copy for other instances
        Optional<Upload> shared = files.checkpointsToShare(runId, checkpointDir);
        if (shared.isEmpty()) {
            return;
        }
        try (Upload upload = shared.get()) {
            boolean held = database("store the checkpoint", () -> queue.whileHolding(runId, owner,
                    () -> files.installCheckpoints(runId, upload)));
            if (!held) {
                throw new LeaseLostException("run " + runId + " is no longer held by " + owner);
            }
        }
    }

    @Override
    public void finish(UUID runId, RunEnd result, Optional<Path> modelDir) throws IOException {
        Optional<Upload> artifact = modelDir.isPresent()
                ? Optional.of(artifacts.zipDirectory(runId, modelDir.get())) : Optional.empty();
        try {
            // artifact and end in one transaction under the run's lock: only the holder stores, and both or neither
            boolean held = database("report the end", () -> queue.whileHolding(runId, owner, () -> {
                if (artifact.isPresent()) {
                    artifacts.install(runId, artifact.get());
                }
                queue.finish(runId, owner, result);
            }));
            if (!held) {
                throw new LeaseLostException("run " + runId + " is no longer held by " + owner);
            }
        } finally {
            if (artifact.isPresent()) {
                artifact.get().close();
            }
        }
    }

    private interface DatabaseCall<T> {
        T call() throws IOException;
    }

    /** Runs a database call; an outage (no connection, lost connection, server shutting down) is an IOException. */
    private static <T> T database(String what, DatabaseCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            if (isOutage(e)) {
                throw new IOException("database unavailable, could not " + what + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Failures that say the database could not be reached or dropped the connection, not that the call was wrong. */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            // commit or rollback failed: the connection broke (whether a commit landed is unknown; the retry's
            // point key settles that)
            if (t instanceof TransactionSystemException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception, 53: insufficient resources, 57P: operator intervention (shutdown,
                // terminated connection), 40001/40P01: serialization failure, deadlock
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
