package dev.netwright.engine.train;

import java.time.Duration;

/**
 * Averages over one GAN epoch.
 *
 * @param epoch              1-based epoch
 * @param totalEpochs        configured epochs
 * @param discriminatorLoss  mean discriminator loss (BCE on real + BCE on fake)
 * @param generatorLoss      mean generator loss (non-saturating BCE of fakes against "real")
 * @param realScore          mean D(x): the discriminator's probability that real samples are real
 * @param fakeScore          mean D(G(z)) during discriminator steps
 * @param epochTime          wall time of the epoch
 */
public record GanEpochMetrics(int epoch, int totalEpochs, double discriminatorLoss, double generatorLoss,
                              double realScore, double fakeScore, Duration epochTime) {
}
