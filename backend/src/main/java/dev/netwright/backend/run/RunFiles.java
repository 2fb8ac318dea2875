package dev.netwright.backend.run;

import dev.netwright.backend.NetwrightProperties;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Where a run's files live under the data folder: {@code runs/<id>/work} (training), checkpoint and artifact ZIPs. */
@Component
public class RunFiles {
    private final Path root;

    RunFiles(NetwrightProperties properties) {
        this.root = properties.dataDir().resolve("runs").toAbsolutePath().normalize();
    }

    public Path dir(UUID runId) {
        return root.resolve(runId.toString());
    }

    /** In-process training folder; {@code checkpoints/} inside is what a later attempt resumes from. */
    public Path work(UUID runId) {
        return dir(runId).resolve("work");
    }

    /** Checkpoints uploaded by a standalone worker. */
    public Path checkpointZip(UUID runId) {
        return dir(runId).resolve("checkpoints.zip");
    }

    public Path artifactZip(UUID runId) {
        return dir(runId).resolve("artifact.zip");
    }
}
