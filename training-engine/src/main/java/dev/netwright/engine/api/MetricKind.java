package dev.netwright.engine.api;

/**
 * What a metric point of a run reports; the name is stored in {@code run_metrics.kind} and is the SSE event name.
 * The payload of each kind is a JSON object: {@link #BATCH} a {@code BatchMetrics}, {@link #EPOCH} an
 * {@code EpochMetrics} or {@code GanEpochMetrics}, {@link #EVALUATION} an {@code EvaluationReport},
 * {@link #MESSAGE} a {@link MessagePoint}, {@link #SAMPLES} a {@link SamplesPoint} and {@link #STATUS} a
 * {@link StatusPoint}.
 */
public enum MetricKind {
    BATCH(true),
    EPOCH(true),
    EVALUATION(true),
    MESSAGE(true),
    /** A GAN's picture of generated samples for an epoch was stored. */
    SAMPLES(false),
    /** The run's status changed; written by the server only. */
    STATUS(false);

    private final boolean fromWorker;

    MetricKind(boolean fromWorker) {
        this.fromWorker = fromWorker;
    }

    /** Whether a worker may report points of this kind (the server writes the others itself). */
    public boolean fromWorker() {
        return fromWorker;
    }
}
