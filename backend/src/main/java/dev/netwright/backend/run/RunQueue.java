package dev.netwright.backend.run;

import dev.netwright.backend.storage.ObjectStorage;
import java.io.IOException;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.StatusPoint;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.backend.resources.WorkerCapacities;
import dev.netwright.engine.worker.DatasetRef;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRun;
import dev.netwright.engine.worker.WorkerCapacity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job queue on the runs table. A claim takes the best queued run (priority, then age) with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers never wait for or share a row, and starts a lease that
 * heartbeats renew. Every state change also appends a STATUS metric point, which ends live streams.
 */
@Service
public class RunQueue {
    private static final Logger log = LoggerFactory.getLogger(RunQueue.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RunMetricsStore metrics;
    private final WorkerActivity workers;
    private final WorkerCapacities capacities;
    private final MeterRegistry registry;
    private final Timer waits;

    private final ObjectStorage storage;

    RunQueue(JdbcClient jdbc, TransactionTemplate tx, RunMetricsStore metrics, ObjectStorage storage,
             WorkerActivity workers, WorkerCapacities capacities, MeterRegistry registry) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.capacities = capacities;
        this.tx = tx;
        this.metrics = metrics;
        this.workers = workers;
        this.registry = registry;
        this.waits = Timer.builder("netwright.runs.wait").description("time runs waited for their first claim")
                .publishPercentileHistogram().register(registry);
        // present (count 0) before the first run ends
        java.util.Arrays.stream(RunStatus.values()).filter(RunStatus::isFinal).forEach(this::durationTimer);
    }

    /** Claims the next run from {@code queues} for a worker that did not report its capacity (any run fits it). */
    public Optional<ClaimedRun> claim(LeaseHolder owner, List<String> queues, int leaseSeconds) {
        return claim(owner, queues, leaseSeconds, Optional.empty());
    }

    /**
     * Claims the next run from {@code queues} for {@code owner}, or nothing when none may start now. With a reported
     * capacity, only runs whose memory estimate fits it are taken (larger ones wait for a larger worker).
     */
    public Optional<ClaimedRun> claim(LeaseHolder owner, List<String> queues, int leaseSeconds,
                                   Optional<WorkerCapacity> capacity) {
        long t0 = System.nanoTime();
        workers.seen(owner.name());
        capacity.ifPresent(c -> capacities.report(owner.name(), queues, c));
        long memoryLimit = capacity.map(WorkerCapacity::trainingMemoryBytes).orElse(Long.MAX_VALUE);
        Optional<ClaimedRun> job = tx.execute(s -> {
            Optional<Claimed> c = jdbc.sql("""
                    UPDATE runs SET status = 'RUNNING', attempts = attempts + 1, lease_owner = ?,
                                    lease_token_id = ?, lease_expires_at = now() + make_interval(secs => ?),
                                    started_at = coalesce(started_at, now())
                    WHERE id = (
                        SELECT r.id FROM runs r JOIN workspaces w ON w.id = r.workspace_id
                        WHERE r.status = 'QUEUED' AND r.queue = ANY (?) AND coalesce(r.memory_bytes, 0) <= ?
                          AND (SELECT count(*) FROM runs x WHERE x.workspace_id = r.workspace_id
                               AND x.status = 'RUNNING') < w.max_running_runs
                        ORDER BY r.priority DESC, r.created_at, r.id
                        LIMIT 1
                        FOR UPDATE OF r SKIP LOCKED)
                    RETURNING id, workspace_id, attempts, design_version_id, dataset::text, config::text,
                              extract(epoch FROM now() - created_at)""")
                    .params(owner.name(), owner.workerTokenId(), leaseSeconds, queues.toArray(String[]::new),
                            memoryLimit)
                    .query((rs, i) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getInt(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                            rs.getDouble(7)))
                    .optional();
            if (c.isEmpty()) {
                return Optional.<ClaimedRun>empty();
            }
            Claimed claimed = c.get();
            // The limit test above cannot see claims that are not committed yet. Serialise claims per workspace
            // and count again: a later claimer then sees the earlier one's commit and backs off.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param(claimed.workspaceId().toString())
                    .query((rs, i) -> 1).list();
            int running = jdbc.sql("""
                    SELECT count(*) FROM runs WHERE workspace_id = ? AND status = 'RUNNING'""")
                    .param(claimed.workspaceId()).query(Integer.class).single();
            int limit = jdbc.sql("SELECT max_running_runs FROM workspaces WHERE id = ?")
                    .param(claimed.workspaceId()).query(Integer.class).single();
            if (running > limit) {
                s.setRollbackOnly();
                return Optional.<ClaimedRun>empty();
            }
            metrics.append(claimed.id(), MetricKind.STATUS, json(StatusPoint.claimed(claimed.attempt(), owner.name())));
            if (claimed.attempt() == 1) {
                waits.record(Duration.ofNanos((long) (claimed.waitedSeconds() * 1e9)));
            }
            return Optional.of(spec(claimed, leaseSeconds));
        });
        job.ifPresent(j -> log.info("Run {} claimed by {} (attempt {}, {} ms)", j.runId(), owner, j.attempt(),
                (System.nanoTime() - t0) / 1_000_000));
        return job;
    }

    private record Claimed(UUID id, UUID workspaceId, int attempt, UUID designVersionId, String dataset,
                           String config, double waitedSeconds) {
    }

    private ClaimedRun spec(Claimed c, int leaseSeconds) {
        // a sweep trial that varies layer parameters trains its own variant of the stored version
        String design = jdbc.sql("""
                SELECT coalesce(r.trial_design, v.content) FROM runs r JOIN design_versions v ON v.id = ?
                WHERE r.id = ?""").params(c.designVersionId(), c.id()).query(String.class).single();
        DatasetRef dataset = JSON.readValue(c.dataset(), DatasetRef.class);
        String kind = dataset.usesBuiltin() ? "BUILTIN" : jdbc.sql("SELECT kind FROM datasets WHERE id = ?")
                .param(UUID.fromString(dataset.datasetId())).query(String.class).single();
        return new ClaimedRun(c.id(), c.attempt(), design, dataset, JSON.readValue(c.config(), TrainingSettings.class),
                kind,
                leaseSeconds);
    }

    /** An uploaded dataset's file in {@code ObjectStorage} (CSV/TSV table or image ZIP) and its content hash. */
    public record DatasetObject(String key, String sha256) {
    }

    /**
     * An uploaded dataset as a file on this machine, for in-process training: the stored file, or with S3 a copy
     * cached by content hash, kept until the handle is closed.
     */
    public ObjectStorage.LocalFile datasetFile(UUID datasetId) throws IOException {
        DatasetObject o = datasetObject(datasetId);
        return storage.localFile(o.key(), o.sha256())
                .orElseThrow(() -> new java.io.FileNotFoundException("stored file of dataset " + datasetId));
    }

    public DatasetObject datasetObject(UUID datasetId) {
        record Stored(String path, String kind, String sha256) {
        }
        Stored s = jdbc.sql("SELECT storage_path, kind, sha256 FROM datasets WHERE id = ?").param(datasetId)
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        String file = switch (s.kind()) {
            case "CSV" -> "data.csv";
            case "TSV" -> "data.tsv";
            default -> "upload.zip";
        };
        return new DatasetObject("datasets/" + s.path() + "/" + file, s.sha256());
    }

    /** The uploaded dataset a run trains on, if it is not a built-in one. */
    public Optional<UUID> datasetOf(UUID runId) {
        return jdbc.sql("SELECT dataset->>'datasetId' FROM runs WHERE id = ?").param(runId).query(String.class)
                .list().stream().filter(java.util.Objects::nonNull).findFirst().map(UUID::fromString);
    }

    /**
     * Renews the lease of a run {@code owner} holds. Empty when it no longer holds it (expired and re-queued, or
     * finished); otherwise whether cancellation was requested.
     */
    public Optional<Boolean> heartbeat(UUID runId, LeaseHolder owner, int leaseSeconds) {
        workers.seen(owner.name());
        capacities.seen(owner.name());
        return jdbc.sql("""
                UPDATE runs SET lease_expires_at = now() + make_interval(secs => ?)
                WHERE id = ? AND status = 'RUNNING' AND lease_owner = ? AND lease_token_id IS NOT DISTINCT FROM ?
                RETURNING cancel_requested""")
                .params(leaseSeconds, runId, owner.name(), owner.workerTokenId()).query(Boolean.class).optional();
    }

    public boolean holds(UUID runId, LeaseHolder owner) {
        return jdbc.sql("""
                SELECT count(*) FROM runs WHERE id = ? AND status = 'RUNNING' AND lease_owner = ?
                                               AND lease_token_id IS NOT DISTINCT FROM ?""")
                .params(runId, owner.name(), owner.workerTokenId()).query(Integer.class).single() == 1;
    }

    /** Work done under a run's row lock; may fail with an I/O error. */
    public interface HeldAction {
        void run() throws java.io.IOException;
    }

    /**
     * Runs {@code action} while holding the run's row lock, if {@code owner} holds its lease; false (and nothing
     * done) otherwise. What the action stores cannot be overtaken by a lease change: expiry, re-queue and finish
     * wait for the lock, so a worker that lost the lease never replaces what the current holder stored, and nobody
     * replaces anything once the run is finished.
     */
    public boolean whileHolding(UUID runId, LeaseHolder owner, HeldAction action) throws java.io.IOException {
        try {
            return Boolean.TRUE.equals(tx.execute(s -> {
                boolean held = !jdbc.sql("""
                        SELECT 1 FROM runs WHERE id = ? AND status = 'RUNNING' AND lease_owner = ?
                                             AND lease_token_id IS NOT DISTINCT FROM ? FOR UPDATE""")
                        .params(runId, owner.name(), owner.workerTokenId()).query(Integer.class).list().isEmpty();
                if (held) {
                    try {
                        action.run();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return held;
            }));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Records the end reported by the lease holder; false when {@code owner} no longer holds the run. */
    public boolean finish(UUID runId, LeaseHolder owner, RunEnd result) {
        RunStatus status = result.status() != null && result.status().isFinal() ? result.status() : RunStatus.FAILED;
        Boolean done = tx.execute(s -> {
            List<Double> took = jdbc.sql("""
                    UPDATE runs SET status = ?, failure = ?, final_metrics = ?::jsonb, finished_at = now(),
                                    lease_owner = NULL, lease_token_id = NULL, lease_expires_at = NULL
                    WHERE id = ? AND status = 'RUNNING' AND lease_owner = ? AND lease_token_id IS NOT DISTINCT FROM ?
                    RETURNING extract(epoch FROM finished_at - started_at)""")
                    .params(status.name(), result.failure(), result.finalMetricsJson(), runId, owner.name(),
                            owner.workerTokenId())
                    .query(Double.class).list();
            int n = took.size();
            if (n == 1) {
                recordDuration(status, took.get(0));
                metrics.append(runId, MetricKind.STATUS, json(StatusPoint.ended(status, result.failure())));
            }
            return n == 1;
        });
        if (Boolean.TRUE.equals(done)) {
            log.info("Run {} finished by {}: {}{}", runId, owner, status,
                    result.failure() == null ? "" : " (" + result.failure() + ")");
        } else {
            log.warn("Run {}: end reported by {} ignored, it no longer holds the lease", runId, owner);
        }
        return Boolean.TRUE.equals(done);
    }

    /**
     * Puts runs whose lease expired back in the queue (or fails them after their last attempt, or cancels them if
     * that was asked for). The next claim resumes from the last checkpoint. Returns how many runs it touched.
     */
    public int requeueExpired() {
        record Expired(UUID id, RunStatus status, int attempts, int maxAttempts, double seconds) {
        }
        List<Expired> expired = tx.execute(s -> {
            List<Expired> rows = jdbc.sql("""
                    UPDATE runs SET
                        status = CASE WHEN cancel_requested THEN 'CANCELLED'
                                      WHEN attempts >= max_attempts THEN 'FAILED' ELSE 'QUEUED' END,
                        failure = CASE WHEN cancel_requested THEN NULL
                                       WHEN attempts >= max_attempts THEN 'the worker stopped reporting on its last '
                                            || 'attempt (' || attempts || ' of ' || max_attempts || ')'
                                       ELSE failure END,
                        finished_at = CASE WHEN cancel_requested OR attempts >= max_attempts THEN now() END,
                        lease_owner = NULL, lease_token_id = NULL, lease_expires_at = NULL
                    WHERE id IN (SELECT id FROM runs WHERE status = 'RUNNING' AND lease_expires_at < now()
                                 FOR UPDATE SKIP LOCKED)
                    RETURNING id, status, attempts, max_attempts,
                              coalesce(extract(epoch FROM finished_at - started_at), 0)""")
                    .query((rs, i) -> new Expired(rs.getObject(1, UUID.class), RunStatus.valueOf(rs.getString(2)),
                            rs.getInt(3),
                            rs.getInt(4), rs.getDouble(5))).list();
            for (Expired e : rows) {
                metrics.append(e.id(), MetricKind.STATUS, json(StatusPoint.leaseExpired(e.status(), e.attempts())));
            }
            return rows;
        });
        for (Expired e : expired) {
            if (e.status() != RunStatus.QUEUED) {
                recordDuration(e.status(), e.seconds());
            }
            if (e.status() == RunStatus.QUEUED) {
                log.warn("Run {} re-queued: lease expired on attempt {} of {}", e.id(), e.attempts(), e.maxAttempts());
            } else {
                log.warn("Run {} {} after its lease expired (attempt {} of {})", e.id(),
                        e.status().name().toLowerCase(),
                        e.attempts(), e.maxAttempts());
            }
        }
        return expired.size();
    }

    private Timer durationTimer(RunStatus status) {
        return Timer.builder("netwright.runs.duration").description("time from a run's first claim to its end")
                .tag("status", status.name()).publishPercentileHistogram().register(registry);
    }

    private void recordDuration(RunStatus status, double seconds) {
        durationTimer(status).record(Duration.ofNanos((long) (seconds * 1e9)));
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
