package dev.netwright.backend.artifact;

import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.storage.ObjectStorage;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import dev.netwright.backend.run.Upload;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A finished run's saved model directory, kept as one ZIP under the run's folder and recorded in {@code artifacts}.
 * Storing is two steps: receive (into a temp file of its own, checked) and install (moved into place), and install
 * is only done under the run's lease, by its current holder (see {@code RunQueue.whileHolding}).
 */
@Service
public class ArtifactStore {
    private static final Logger log = LoggerFactory.getLogger(ArtifactStore.class);
    /** Most files an artifact ZIP may hold; a saved model has a handful. */
    public static final int MAX_ENTRIES = 1_000;
    /** Most bytes an artifact may expand to. */
    public static final long MAX_EXTRACTED_BYTES = 8L << 30;

    private final JdbcClient jdbc;
    private final RunFiles files;
    private final ObjectStorage storage;
    private final Path dataDir;

    ArtifactStore(JdbcClient jdbc, RunFiles files, ObjectStorage storage, NetwrightProperties properties) {
        this.jdbc = jdbc;
        this.files = files;
        this.storage = storage;
        this.dataDir = properties.dataDir().toAbsolutePath().normalize();
    }

    /** Zips a local model directory (in-process workers) into a file of its own, ready for {@link #install}. */
    public Upload zipDirectory(UUID runId, Path modelDir) throws IOException {
        Files.createDirectories(files.dir(runId));
        Path tmp = Files.createTempFile(files.dir(runId), "artifact-", ".upload");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                Zips.zip(modelDir, Zips::isModelFile, out);
            }
            return Upload.of(tmp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Receives an uploaded ZIP (standalone workers) into a file of its own and checks it: a readable ZIP with a
     * model.json, within {@link #MAX_ENTRIES} files and {@link #MAX_EXTRACTED_BYTES} declared. Refused uploads
     * leave nothing behind: {@link Upload.TooLargeException} past {@code maxBytes}, IllegalArgumentException
     * (saying what is wrong) for the rest.
     */
    public Upload receive(UUID runId, InputStream in, long maxBytes) throws IOException {
        Upload upload = Upload.receive(files.dir(runId), "artifact", in, maxBytes);
        try {
            check(upload.file());
            return upload;
        } catch (RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    private static void check(Path zip) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            if (z.size() > MAX_ENTRIES) {
                throw new IllegalArgumentException("the artifact ZIP has " + z.size() + " entries; at most "
                        + MAX_ENTRIES + " are accepted");
            }
            long declared = 0;
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                long size = e.nextElement().getSize();
                declared += Math.max(0, size);
                if (declared > MAX_EXTRACTED_BYTES) {
                    throw new IllegalArgumentException("the artifact ZIP expands to more than " + MAX_EXTRACTED_BYTES
                            + " bytes");
                }
            }
            if (z.getEntry("model.json") == null) {
                throw new IllegalArgumentException("the artifact ZIP has no model.json");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the artifact is not a readable ZIP");
        }
    }

    /**
     * Puts a received artifact in place (replacing an earlier one in one step) and records it. Call it under the
     * run's lease ({@code RunQueue.whileHolding}) so that only the current holder ever installs.
     */
    public void install(UUID runId, Upload upload) throws IOException {
        String key = RunFiles.artifactKey(runId);
        upload.installInto(storage, key);
        jdbc.sql("""
                INSERT INTO artifacts (run_id, storage_path, size_bytes, sha256) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET storage_path = excluded.storage_path,
                    size_bytes = excluded.size_bytes, sha256 = excluded.sha256, created_at = now()""")
                .params(runId, key, upload.size(), upload.sha256()).update();
        log.info("Run {}: artifact stored ({} bytes)", runId, upload.size());
    }

    /** A stored artifact: its storage key, size and content hash. */
    public record Artifact(String key, long sizeBytes, String sha256) {
    }

    /** The run's artifact, if one is recorded and its content is in storage. */
    public Optional<Artifact> find(UUID runId) {
        Optional<Artifact> a = recorded(runId);
        try {
            return a.isPresent() && storage.exists(a.get().key()) ? a : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The artifact recorded for a run, without asking the storage whether its file is there (a request to the bucket
     * for S3): for callers that may not need the file, such as a prediction whose model is already loaded.
     */
    public Optional<Artifact> recorded(UUID runId) {
        return jdbc.sql("SELECT storage_path, size_bytes, sha256 FROM artifacts WHERE run_id = ?")
                .param(runId).query((rs, i) -> new Artifact(key(rs.getString(1)), rs.getLong(2), rs.getString(3)))
                .optional();
    }

    /** Rows written before storage keys held the artifact's absolute path under the data folder. */
    private String key(String stored) {
        Path p = Path.of(stored);
        return p.isAbsolute() && p.normalize().startsWith(dataDir)
                ? dataDir.relativize(p.normalize()).toString().replace('\\', '/') : stored;
    }

    /** The artifact's content as a stream (downloads); the caller closes it. */
    public InputStream open(Artifact artifact) throws IOException {
        return storage.open(artifact.key()).orElseThrow(() -> new FileNotFoundException(artifact.key()));
    }

    /**
     * The artifact as a file on this machine, for readers that need random access (ZIP entries, model loading): the
     * stored file itself, or with S3 a copy cached by content hash, kept until the handle is closed.
     */
    public ObjectStorage.LocalFile localFile(Artifact artifact) throws IOException {
        return storage.localFile(artifact.key(), artifact.sha256())
                .orElseThrow(() -> new FileNotFoundException(artifact.key()));
    }

    /** The design a run trained, as stored for its design version (a sweep trial's own variant when it has one). */
    public String trainedDesign(UUID runId) {
        return jdbc.sql("""
                SELECT coalesce(r.trial_design, v.content) FROM runs r JOIN design_versions v
                ON v.id = r.design_version_id WHERE r.id = ?""").param(runId).query(String.class).single();
    }
}
