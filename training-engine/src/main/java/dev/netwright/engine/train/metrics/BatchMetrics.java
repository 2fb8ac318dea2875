package dev.netwright.engine.train.metrics;

/**
 * Reported after every training batch. Epochs and batches are 1-based.
 *
 * @param epoch            current epoch
 * @param batch            batch within the epoch
 * @param batchesPerEpoch  batches in one epoch
 * @param loss             mean data loss of the batch (without L1/L2 penalties)
 * @param learningRate     rate used for this batch's update
 * @param samplesPerSecond throughput of this batch (forward, backward and update)
 * @param gradientNorm     global gradient norm before clipping
 * @param samples          samples in this batch (the last batch of an epoch may be smaller)
 */
public record BatchMetrics(int epoch, int batch, int batchesPerEpoch, double loss, double learningRate,
                           double samplesPerSecond, double gradientNorm, int samples) {

    /** These metrics with another throughput figure (a sampled point's throughput over a longer window). */
    public BatchMetrics withSamplesPerSecond(double rate) {
        return new BatchMetrics(epoch, batch, batchesPerEpoch, loss, learningRate, rate, gradientNorm, samples);
    }
}
