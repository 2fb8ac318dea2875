package dev.netwright.engine.worker;

import dev.netwright.engine.run.DatasetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * What a worker needs from the server. Two implementations: the in-process one calls the queue directly, the
 * standalone worker's one speaks HTTP with a worker token. The {@link ClaimedRunTrainer} is the same for both.
 */
public interface WorkerBackend {

    /** The next run for this worker, if any; claiming starts its lease. */
    Optional<ClaimedRun> claim() throws IOException;

    /** Renews the lease; answers whether cancellation was requested. Throws LeaseLostException if not ours. */
    boolean heartbeat(UUID runId) throws IOException;

    void metric(UUID runId, MetricPoint point) throws IOException;

    /**
     * Stores a GAN epoch's picture of generated samples (PNG, at most {@link #MAX_SAMPLE_PICTURE_BYTES}); a second
     * picture for the same epoch replaces the first.
     */
    void samplePicture(UUID runId, int epoch, byte[] png) throws IOException;

    /** The largest sample picture the server accepts. */
    int MAX_SAMPLE_PICTURE_BYTES = 2 << 20;

    /** The folder to train in; holds {@code checkpoints/} from an earlier attempt when there was one. */
    Path workDir(ClaimedRun claimed) throws IOException;

    /** The run's data as a local dataset. */
    DatasetSpec dataset(ClaimedRun claimed, Path workDir) throws IOException;

    /** Called after every epoch so that another worker can resume from here. */
    void checkpointSaved(UUID runId, Path checkpointDir) throws IOException;

    /**
     * A saved model whose weights seed the run's network (nodes with the same id and shape), for designs that carry
     * weights (imported from ONNX); empty for a design trained from fresh weights.
     */
    default Optional<Path> startingWeights(ClaimedRun claimed, Path workDir) throws IOException {
        return Optional.empty();
    }

    /**
     * Checked with every heartbeat: a reason when the machine is so short of memory that the run must stop (it then
     * fails with that reason). The in-process worker uses it to keep the app above its safety margin.
     */
    default Optional<String> memoryPressure() {
        return Optional.empty();
    }

    /**
     * Called when the worker is done with a run (ended, or lost): local copies it made for the run (scratch folder,
     * upload ZIPs) can go, since the server keeps checkpoints and the artifact.
     */
    default void cleanUp(ClaimedRun claimed) {
    }

    /** Reports the end; the saved model directory (when there is one) becomes the run's artifact. */
    void finish(UUID runId, RunEnd result, Optional<Path> modelDir) throws IOException;
}
