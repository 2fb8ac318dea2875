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
 * @param samplesPerSecond  real samples of this batch over its wall time (both steps)
 */
public record GanBatchMetrics(int epoch, int batch, int batchesPerEpoch, double discriminatorLoss,
                              double generatorLoss, double realScore, double fakeScore, double samplesPerSecond) {
}
