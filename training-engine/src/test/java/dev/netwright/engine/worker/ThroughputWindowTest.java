package dev.netwright.engine.worker;

import dev.netwright.engine.train.GanBatchMetrics;
import dev.netwright.engine.train.metrics.BatchMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThroughputWindowTest {
    private static final long MS = 1_000_000L;

    /** Batch {@code batch} of 10 in epoch {@code epoch} with {@code samples} samples that took {@code millis}. */
    private static BatchMetrics batch(int epoch, int batch, int samples, double millis) {
        return new BatchMetrics(epoch, batch, 10, 1.0, 1e-3, samples / (millis / 1000), 1.0, samples);
    }

    @Test
    void aPointCarriesTheSamplesSinceThePreviousPointOverTheWallTimeSinceThen() {
        ThroughputWindow window = new ThroughputWindow();
        window.add(batch(1, 1, 100, 100), 1000 * MS); // started at 900 ms
        window.add(batch(1, 2, 100, 100), 1100 * MS);
        // a 300 ms pause (a collection, a slow listener) before the third batch ends: it counts
        window.add(batch(1, 3, 100, 100), 1500 * MS);
        assertThat(window.close(1500 * MS)).isCloseTo(300 / 0.6, within(1e-6));
        window.add(batch(1, 4, 100, 100), 1600 * MS);
        assertThat(window.close(1600 * MS)).isCloseTo(1000, within(1e-6));
    }

    @Test
    void theSmallerLastBatchOfAnEpochDoesNotReadLowOnItsOwn() {
        ThroughputWindow window = new ThroughputWindow();
        window.add(batch(1, 9, 100, 100), 1000 * MS);
        assertThat(window.close(1000 * MS)).isCloseTo(1000, within(1e-6));
        window.add(batch(1, 10, 20, 20), 1020 * MS);
        assertThat(window.close(1020 * MS)).isCloseTo(1000, within(1e-6));
    }

    @Test
    void aWindowNeverSpansTheWorkBetweenEpochs() {
        ThroughputWindow window = new ThroughputWindow();
        window.add(batch(1, 10, 100, 100), 1000 * MS);
        window.close(1000 * MS);
        // evaluation and checkpoints take 5 s; the next epoch's first batch opens a window at its own start
        window.add(batch(2, 1, 100, 100), 6100 * MS);
        assertThat(window.close(6100 * MS)).isCloseTo(1000, within(1e-6));
    }

    @Test
    void aGanPointCarriesTheWindowToo() {
        ThroughputWindow window = new ThroughputWindow();
        window.add(gan(1, 1, 64, 64), 1000 * MS); // started at 936 ms
        // a 100 ms pause inside the window counts, as for supervised batches
        window.add(gan(1, 2, 64, 64), 1164 * MS);
        assertThat(window.close(1164 * MS)).isCloseTo(128 / 0.228, within(1e-6));
    }

    /** GAN batch {@code batch} of 10 with {@code samples} real samples whose two steps took {@code millis}. */
    private static GanBatchMetrics gan(int epoch, int batch, int samples, double millis) {
        return new GanBatchMetrics(epoch, batch, 10, 1.0, 1.0, 0.5, 0.5, samples / (millis / 1000), samples);
    }
}
