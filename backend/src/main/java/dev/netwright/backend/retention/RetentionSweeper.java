package dev.netwright.backend.retention;

import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.storage.ObjectStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Purges what is no longer needed, every {@link RetentionProperties#interval()}: finished runs' work folders and
 * checkpoints, soft-deleted datasets, designs and projects past {@link RetentionProperties#deletedAfter()} (rows and
 * files), and upload staging folders left by a crash. Each step is idempotent, so several app instances may run it.
 */
@Component
public class RetentionSweeper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final RunFiles runFiles;
    private final RetentionProperties properties;
    private final Path datasetRoot;
    private final ObjectStorage storage;
    private ScheduledExecutorService executor;

    RetentionSweeper(JdbcClient jdbc, RunFiles runFiles, RetentionProperties properties,
                     NetwrightProperties netwright, ObjectStorage storage) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.runFiles = runFiles;
        this.properties = properties;
        this.datasetRoot = netwright.dataDir().resolve("datasets").toAbsolutePath().normalize();
    }

    /** What one pass removed. */
    public record Purged(int runWorkFolders, int datasets, int designs, int projects, int stagingFolders) {
    }

    public Purged sweep() {
        return new Purged(runWorkFiles(), deletedDatasets(), deletedDesigns(), deletedProjects(), staleStaging());
    }

    private double seconds(Duration d) {
        return d.toSeconds();
    }

    /** The folders training needs only while a run can still be resumed; its artifact lives apart. */
    private int runWorkFiles() {
        List<UUID> finished = jdbc.sql("""
                SELECT id FROM runs WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND files_removed_at IS NULL
                  AND finished_at < now() - make_interval(secs => ?) ORDER BY finished_at LIMIT ?""")
                .params(seconds(properties.workFilesAfter()), BATCH).query(UUID.class).list();
        for (UUID run : finished) {
            delete(runFiles.work(run));
            stored("checkpoints of run " + run, () -> runFiles.deleteCheckpoints(run));
            jdbc.sql("UPDATE runs SET files_removed_at = now() WHERE id = ?").param(run).update();
        }
        return finished.size();
    }

    private int deletedDatasets() {
        record Deleted(UUID id, String path) {
        }
        List<Deleted> gone = jdbc.sql("""
                SELECT id, storage_path FROM datasets d WHERE deleted_at < now() - make_interval(secs => ?)
                  AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.dataset->>'datasetId' = d.id::text
                                  AND r.status IN ('QUEUED', 'RUNNING'))
                LIMIT ?""")
                .params(seconds(properties.deletedAfter()), BATCH)
                .query((rs, i) -> new Deleted(rs.getObject(1, UUID.class), rs.getString(2))).list();
        for (Deleted d : gone) {
            deleteDatasetFolder(d.path());
            jdbc.sql("DELETE FROM datasets WHERE id = ?").param(d.id()).update();
        }
        return gone.size();
    }

    /** Deleted designs go with their versions, unless a run or sweep trained one of them (it keeps its design). */
    private int deletedDesigns() {
        return jdbc.sql("""
                DELETE FROM designs d WHERE d.deleted_at < now() - make_interval(secs => ?)
                  AND NOT EXISTS (SELECT 1 FROM design_versions v JOIN runs r ON r.design_version_id = v.id
                                  WHERE v.design_id = d.id)
                  AND NOT EXISTS (SELECT 1 FROM design_versions v JOIN sweeps s ON s.design_version_id = v.id
                                  WHERE v.design_id = d.id)""")
                .param(seconds(properties.deletedAfter())).update();
    }

    /** A deleted project goes whole: designs, datasets, runs, sweeps (the database cascades) and their files. */
    private int deletedProjects() {
        List<UUID> projects = jdbc.sql("""
                SELECT id FROM projects p WHERE deleted_at < now() - make_interval(secs => ?)
                  AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.project_id = p.id AND r.status IN ('QUEUED', 'RUNNING'))
                LIMIT ?""")
                .params(seconds(properties.deletedAfter()), BATCH).query(UUID.class).list();
        for (UUID project : projects) {
            List<UUID> runs = jdbc.sql("SELECT id FROM runs WHERE project_id = ?").param(project).query(UUID.class)
                    .list();
            List<String> datasets = jdbc.sql("SELECT storage_path FROM datasets WHERE project_id = ?").param(project)
                    .query(String.class).list();
            jdbc.sql("DELETE FROM projects WHERE id = ?").param(project).update();
            runs.forEach(r -> {
                delete(runFiles.dir(r));
                stored("files of run " + r, () -> runFiles.deleteStored(r));
            });
            datasets.forEach(this::deleteDatasetFolder);
            delete(datasetRoot.resolve(project.toString()));
        }
        return projects.size();
    }

    /** Staging folders of uploads that never finished (the app stopped mid-upload); live ones are minutes old. */
    private int staleStaging() {
        Path staging = datasetRoot.resolve(".staging");
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        Instant before = Instant.now().minus(Duration.ofDays(1));
        int n = 0;
        try (Stream<Path> folders = Files.list(staging)) {
            for (Path f : folders.toList()) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    delete(f);
                    n++;
                }
            }
        } catch (IOException e) {
            log.warn("Could not list {}: {}", staging, e.toString());
        }
        return n;
    }

    private void deleteDatasetFolder(String storagePath) {
        stored("dataset " + storagePath, () -> storage.deleteTree("datasets/" + storagePath));
    }

    private interface StorageCall {
        void run() throws IOException;
    }

    /** Removes stored content; a failure is logged and the sweep goes on (leftovers cost space, not correctness). */
    private static void stored(String what, StorageCall call) {
        try {
            call.run();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the stored {}: {}", what, e.toString());
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove {}: {}", path, e.toString());
        }
    }

    private void sweepSafely() {
        try {
            Purged p = sweep();
            if (p.runWorkFolders() + p.datasets() + p.designs() + p.projects() + p.stagingFolders() > 0) {
                log.info("Retention: removed {}", p);
            }
        } catch (RuntimeException e) {
            log.warn("Retention pass failed; the next one retries", e);
        }
    }

    @Override
    public synchronized void start() {
        long every = properties.interval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("retention")
                .unstarted(r));
        executor.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
