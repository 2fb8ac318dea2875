package dev.netwright.engine.train;

/** Receives a GAN run's progress on the training thread; keep implementations quick. */
public interface GanListener {

    GanListener NONE = new GanListener() {
    };

    /** After every training step (discriminator, and generator on its turns). */
    default void onBatch(GanBatchMetrics metrics) {
    }

    default void onEpoch(GanEpochMetrics metrics) {
    }

    /** Generator outputs for a fixed noise batch, once per epoch (if {@code GanConfig.sampleCount() > 0}). */
    default void onSamples(GeneratedSamples samples) {
    }

    default void onMessage(String message) {
    }
}
