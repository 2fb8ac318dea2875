package dev.netwright.engine.worker;

import dev.netwright.engine.train.GanBatchMetrics;
import dev.netwright.engine.train.metrics.BatchMetrics;

/**
 * The throughput a sampled batch point carries: the samples trained since the previous point of the same epoch over
 * the wall time since then, instead of the one batch's own figure. One batch's figure swings with whatever happens
 * inside it (a collection, the metric thread's database write on a shared core) and the smaller last batch of each
 * epoch reads low by construction; over the window every such pause still counts, averaged over the batches it
 * slowed. A window never spans an epoch boundary: evaluation and checkpoints between epochs are in the epoch time,
 * not in a throughput point. Supervised and GAN batches alike. Not thread-safe: the training thread's listener owns
 * it.
 */
final class ThroughputWindow {
    private int epoch = -1;
    private long started;
    private long samples;

    /**
     * Adds the batch {@code m} that ended at {@code now} (nanoseconds); the first batch of an epoch opens a window
     * that starts when that batch started (its own duration before {@code now}).
     */
    void add(BatchMetrics m, long now) {
        add(m.epoch(), m.batch(), m.samples(), m.samplesPerSecond(), now);
    }

    /** The same for a GAN batch (its real samples over both of its steps). */
    void add(GanBatchMetrics m, long now) {
        add(m.epoch(), m.batch(), m.samples(), m.samplesPerSecond(), now);
    }

    private void add(int batchEpoch, int batch, int batchSamples, double samplesPerSecond, long now) {
        if (batchEpoch != epoch || batch == 1) {
            epoch = batchEpoch;
            samples = 0;
            started = now - Math.round(batchSamples / Math.max(samplesPerSecond, 1e-9) * 1e9);
        }
        samples += batchSamples;
    }

    /** Samples per second since the window opened, up to {@code now}; the next window opens at {@code now}. */
    double close(long now) {
        double rate = samples / Math.max((now - started) / 1e9, 1e-9);
        started = now;
        samples = 0;
        return rate;
    }
}
