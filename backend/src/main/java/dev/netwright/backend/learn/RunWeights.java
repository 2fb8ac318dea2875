package dev.netwright.backend.learn;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.run.RunService;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads a finished run's trained Dense weights for the inspector. The run must be visible to the user (viewer or
 * better in its workspace); any other run is "not found", exactly like the API answers.
 */
@Component
class RunWeights {
    /** Learn designs are tiny; a bigger artifact is not one the inspector could show anyway. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final RunService runs;
    private final ArtifactStore artifacts;

    RunWeights(RunService runs, ArtifactStore artifacts) {
        this.runs = runs;
        this.artifacts = artifacts;
    }

    /**
     * @throws ApiException not found for runs the user cannot see
     * @throws IllegalArgumentException when the run has no trained model yet, or its model cannot be read
     */
    TrainedWeights.Loaded load(AppUser user, UUID runId) {
        runs.get(user, runId);
        ArtifactStore.Artifact artifact = artifacts.find(runId).orElseThrow(() ->
                new IllegalArgumentException("run " + runId + " has no trained model yet (it has not succeeded)"));
        Path dir = null;
        try (InputStream in = artifacts.open(artifact)) {
            dir = Files.createTempDirectory("netwright-inspector");
            Zips.unzip(in, dir, MAX_BYTES, ArtifactStore.MAX_ENTRIES);
            return TrainedWeights.read(dir, new DesignJson().read(artifacts.trainedDesign(runId)));
        } catch (Zips.LimitExceededException e) {
            throw new IllegalArgumentException("the model of run " + runId + " is too large to inspect: "
                    + e.getMessage(), e);
        } catch (DesignFormatException e) {
            throw new IllegalArgumentException("the stored design of run " + runId + " cannot be read: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model of run " + runId + ": " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
