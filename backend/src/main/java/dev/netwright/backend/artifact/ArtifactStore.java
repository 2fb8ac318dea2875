package dev.netwright.backend.artifact;

import dev.netwright.backend.run.RunFiles;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A finished run's saved model directory, kept as one ZIP under the run's folder and recorded in {@code artifacts}. */
@Service
public class ArtifactStore {
    private static final Logger log = LoggerFactory.getLogger(ArtifactStore.class);
    private final JdbcClient jdbc;
    private final RunFiles files;

    ArtifactStore(JdbcClient jdbc, RunFiles files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /** Zips a local model directory (in-process workers). */
    public void storeDirectory(UUID runId, Path modelDir) throws IOException {
        Path zip = files.artifactZip(runId);
        Zips.zip(modelDir, Zips::isModelFile, zip);
        record(runId, zip);
    }

    /** Stores an uploaded ZIP (standalone workers); checks that it is a readable ZIP with a model.json. */
    public void storeZip(UUID runId, InputStream in, long maxBytes) throws IOException {
        Path zip = files.artifactZip(runId);
        Files.createDirectories(zip.getParent());
        Path tmp = zip.resolveSibling("artifact.upload");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            long n = in.transferTo(out);
            if (n > maxBytes) {
                throw new IOException("artifact larger than " + maxBytes + " bytes");
            }
        }
        boolean hasManifest;
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(tmp.toFile())) {
            hasManifest = z.getEntry("model.json") != null;
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IllegalArgumentException("the artifact is not a readable ZIP");
        }
        if (!hasManifest) {
            Files.deleteIfExists(tmp);
            throw new IllegalArgumentException("the artifact ZIP has no model.json");
        }
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        record(runId, zip);
    }

    private void record(UUID runId, Path zip) throws IOException {
        long size = Files.size(zip);
        String sha = sha256(zip);
        jdbc.sql("""
                INSERT INTO artifacts (run_id, storage_path, size_bytes, sha256) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET storage_path = excluded.storage_path,
                    size_bytes = excluded.size_bytes, sha256 = excluded.sha256, created_at = now()""")
                .params(runId, zip.toString(), size, sha).update();
        log.info("Run {}: artifact stored ({} bytes)", runId, size);
    }

    public record Artifact(Path file, long sizeBytes, String sha256) {
    }

    public Optional<Artifact> find(UUID runId) {
        return jdbc.sql("SELECT storage_path, size_bytes, sha256 FROM artifacts WHERE run_id = ?").param(runId)
                .query((rs, i) -> new Artifact(Path.of(rs.getString(1)), rs.getLong(2), rs.getString(3)))
                .optional().filter(a -> Files.isRegularFile(a.file()));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
