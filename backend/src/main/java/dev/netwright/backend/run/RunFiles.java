package dev.netwright.backend.run;

import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.storage.ObjectStorage;
import dev.netwright.backend.storage.StorageBackend;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where a run's files live: {@code runs/<id>/work} under the data folder for in-process training and uploads in
 * progress (local to this instance), and the checkpoint and artifact ZIPs in {@code ObjectStorage} under
 * {@code runs/<id>/} (seen by every instance).
 */
@Component
public class RunFiles {
    private final Path root;
    private final ObjectStorage storage;

    RunFiles(NetwrightProperties properties, ObjectStorage storage) {
        this.root = properties.dataDir().resolve("runs").toAbsolutePath().normalize();
        this.storage = storage;
    }

    /** The stored checkpoints of a run (a ZIP), streamed; empty when none were stored. */
    public Optional<InputStream> openCheckpoints(UUID runId) throws IOException {
        return storage.open(checkpointKey(runId));
    }

    /** Stores uploaded checkpoints, replacing older ones in one step; call it under the run's lease. */
    public void installCheckpoints(UUID runId, Upload upload) throws IOException {
        upload.installInto(storage, checkpointKey(runId));
    }

    /**
     * An in-process attempt's newest checkpoints as an upload for {@link #installCheckpoints}, when other instances
     * need them: with the data folder as storage they see them already (a next attempt reads {@link #work}), so this
     * is empty; with S3 they are zipped, so that a run whose instance died resumes elsewhere.
     */
    public Optional<Upload> checkpointsToShare(UUID runId, Path checkpointDir) throws IOException {
        if (storage.backend() == StorageBackend.LOCAL) {
            return Optional.empty();
        }
        Files.createDirectories(dir(runId));
        Path tmp = Files.createTempFile(dir(runId), "checkpoint-", ".upload");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                Zips.zip(checkpointDir, name -> true, out);
            }
            return Optional.of(Upload.of(tmp));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Removes a run's stored checkpoints (retention), keeping its artifact. */
    public void deleteCheckpoints(UUID runId) throws IOException {
        storage.delete(checkpointKey(runId));
    }

    /** Removes everything a run stored (its project is purged). */
    public void deleteStored(UUID runId) throws IOException {
        storage.deleteTree(storagePrefix(runId));
    }

    public Path dir(UUID runId) {
        return root.resolve(runId.toString());
    }

    /** In-process training folder; {@code checkpoints/} inside is what a later attempt resumes from. */
    public Path work(UUID runId) {
        return dir(runId).resolve("work");
    }

    /** The storage folder of a run's checkpoints and artifact (see {@code ObjectStorage}). */
    public static String storagePrefix(UUID runId) {
        return "runs/" + runId;
    }

    /** Storage key of the newest checkpoints (a ZIP), where any instance or worker resumes from. */
    public static String checkpointKey(UUID runId) {
        return storagePrefix(runId) + "/checkpoints.zip";
    }

    /** Storage key of the trained model (a ZIP). */
    public static String artifactKey(UUID runId) {
        return storagePrefix(runId) + "/artifact.zip";
    }
}
