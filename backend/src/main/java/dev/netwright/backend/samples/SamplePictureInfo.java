package dev.netwright.backend.samples;

import java.time.OffsetDateTime;

/** One stored picture of a GAN run's generated samples: the epoch it shows, its size and when it arrived. */
public record SamplePictureInfo(int epoch, int bytes, OffsetDateTime at) {
}
