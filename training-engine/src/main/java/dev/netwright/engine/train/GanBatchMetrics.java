package dev.netwright.engine.train;

/**
 * One GAN training step, so progress and the two losses show from the first batch rather than after a whole epoch.
 *
 * @param epoch             1-based epoch
 * @param batch             1-based batch within the epoch
 * @param batchesPerEpoch   batches in one epoch
 * @param discriminatorLoss this batch's discriminator loss (BCE on real + BCE on fake)
 * @param generatorLoss     this batch's generator loss; NaN when this batch had no generator step
 * @param realScore         mean D(x) of this batch
 * @param fakeScore         mean D(G(z)) of this batch
 * @param samplesPerSecond  real samples of this batch over its wall time (both steps); a platform run's point carries
 *                          the throughput since its previous point instead (the worker's ThroughputWindow)
 * @param samples           real samples in this batch
 */
public record GanBatchMetrics(int epoch, int batch, int batchesPerEpoch, double discriminatorLoss,
                              double generatorLoss, double realScore, double fakeScore, double samplesPerSecond,
                              int samples) {

    /** These metrics with another throughput figure (a sampled point's throughput over a longer window). */
    public GanBatchMetrics withSamplesPerSecond(double rate) {
        return new GanBatchMetrics(epoch, batch, batchesPerEpoch, discriminatorLoss, generatorLoss, realScore,
                fakeScore, rate, samples);
    }
}
