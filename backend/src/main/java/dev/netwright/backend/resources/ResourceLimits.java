package dev.netwright.backend.resources;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Caps under {@code netwright.limits}, so that no user, design or client can take the platform down. Every default is
 * here; each cap is enforced where the request enters (REST, the UI's services, learn mode) with a 4xx naming it.
 *
 * @param maxEpochs             most epochs one run (or sweep trial) may train
 * @param maxBatchSize          largest batch size
 * @param maxAttempts           most claims of one run before a lost lease fails it
 * @param editorMaxPriority     highest run priority a workspace editor may give (lower ones are always allowed)
 * @param ownerMaxPriority      highest priority a workspace owner may give; administrators may use up to 100
 * @param reservedQueues        queues kept for some workspaces: queue name to the workspace ids that may use it
 *                              (administrators may use any); every other queue name is open to all
 * @param maxActiveRunsPerUser  runs one user may have queued or running at once (sweep trials included)
 * @param maxStreamsPerUser     live event streams (SSE) one user may hold open at once
 * @param streamKeepAlive       how often an idle event stream sends a comment, so that dead connections are noticed
 * @param maxPredictionRows     most samples one prediction request may carry
 * @param maxDesignNodes        most nodes a design may have
 * @param maxDesignJson         largest design document accepted (JSON text)
 * @param maxJsonBody           largest JSON request body the API reads (413 beyond; {@code JsonBodyLimit})
 * @param maxJsonInFlight       most bytes of large JSON bodies (1 MiB or more each) the server holds at once, from when
 *                              each is received until its request is answered (503 with Retry-After beyond; at least
 *                              {@code maxJsonBody}, so that one body of the largest size can always be read); one
 *                              account may hold half of it, or one body of the largest size ({@code JsonBodiesInFlight})
 * @param inProcessMemoryMargin memory the in-process workers always leave to the app and the machine: a run is only
 *                              claimed when its estimate fits in what is available beyond this margin
 * @param knownWorkerAge        how long a worker that stopped polling still counts as one the platform knows when a
 *                              run is refused for being larger than any worker
 */
@ConfigurationProperties("netwright.limits")
public record ResourceLimits(int maxEpochs, int maxBatchSize, int maxAttempts, Integer editorMaxPriority,
                             Integer ownerMaxPriority, Map<String, List<UUID>> reservedQueues,
                             int maxActiveRunsPerUser, int maxStreamsPerUser, Duration streamKeepAlive,
                             int maxPredictionRows, int maxDesignNodes, DataSize maxDesignJson,
                             DataSize maxJsonBody, DataSize maxJsonInFlight, DataSize inProcessMemoryMargin,
                             Duration knownWorkerAge) {
    /** The highest priority anyone may give (administrators). */
    public static final int MAX_PRIORITY = 100;
    public static final int MIN_PRIORITY = -100;

    public ResourceLimits {
        maxEpochs = maxEpochs <= 0 ? 1000 : maxEpochs;
        maxBatchSize = maxBatchSize <= 0 ? 65_536 : maxBatchSize;
        maxAttempts = maxAttempts <= 0 ? 20 : maxAttempts;
        editorMaxPriority = editorMaxPriority == null ? 0 : Math.clamp(editorMaxPriority, MIN_PRIORITY, MAX_PRIORITY);
        ownerMaxPriority = ownerMaxPriority == null ? 10 : Math.clamp(ownerMaxPriority, MIN_PRIORITY, MAX_PRIORITY);
        reservedQueues = reservedQueues == null ? Map.of() : Map.copyOf(reservedQueues);
        maxActiveRunsPerUser = maxActiveRunsPerUser <= 0 ? 50 : maxActiveRunsPerUser;
        maxStreamsPerUser = maxStreamsPerUser <= 0 ? 16 : maxStreamsPerUser;
        streamKeepAlive = streamKeepAlive == null || streamKeepAlive.isNegative() || streamKeepAlive.isZero()
                ? Duration.ofSeconds(15) : streamKeepAlive;
        maxPredictionRows = maxPredictionRows <= 0 ? 10_000 : maxPredictionRows;
        maxDesignNodes = maxDesignNodes <= 0 ? 2_000 : maxDesignNodes;
        maxDesignJson = maxDesignJson == null ? DataSize.ofMegabytes(2) : maxDesignJson;
        // a prediction request of max-prediction-rows 28x28 images in JSON text is about 80 MB
        maxJsonBody = maxJsonBody == null ? DataSize.ofMegabytes(256) : maxJsonBody;
        // two bodies of the largest size; each is held as text and, while read, several times that as a JSON tree
        maxJsonInFlight = maxJsonInFlight == null ? DataSize.ofMegabytes(512) : maxJsonInFlight;
        maxJsonInFlight = maxJsonInFlight.compareTo(maxJsonBody) < 0 ? maxJsonBody : maxJsonInFlight;
        inProcessMemoryMargin = inProcessMemoryMargin == null ? DataSize.ofGigabytes(1) : inProcessMemoryMargin;
        knownWorkerAge = knownWorkerAge == null ? Duration.ofDays(1) : knownWorkerAge;
    }
}
