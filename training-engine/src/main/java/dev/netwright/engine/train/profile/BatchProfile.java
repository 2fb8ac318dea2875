package dev.netwright.engine.train.profile;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time per {@link Stage} summed over the batches of a run, and the number of batches. A trainer without a
 * profile uses {@link #OFF}, whose calls cost one branch. Not thread-safe: one profile per training thread.
 */
public final class BatchProfile {
    /** The stages of one supervised batch, in the order they run. */
    public enum Stage {
        /** Gathering the batch's rows into one buffer and copying it to the device. */
        DATA,
        /** Forward pass and loss. */
        FORWARD,
        /** Backward pass. */
        BACKWARD,
        /** Per-parameter squared gradient sums (global and per-layer gradient norms). */
        GRADIENT_NORMS,
        /** The optimizer's parameter updates. */
        OPTIMIZER,
        /** Zeroing the gradients for the next batch. */
        ZERO_GRADIENTS,
        /** Accuracy and copying loss, accuracy and norms back to the host. */
        METRICS,
        /** Closing the batch's arrays. */
        RELEASE,
        /** The loop's listeners: progress events, divergence and cancellation checks, reports. */
        LISTENERS
    }

    /** A profile that records nothing. */
    public static final BatchProfile OFF = new BatchProfile(false);

    private final boolean on;
    private final long[] nanos = new long[Stage.values().length];
    private long batches;
    private long mark;

    private BatchProfile(boolean on) {
        this.on = on;
    }

    /** A profile that records. */
    public static BatchProfile recording() {
        return new BatchProfile(true);
    }

    /** Starts timing from now (the beginning of a batch). */
    public void start() {
        if (on) {
            mark = System.nanoTime();
        }
    }

    /** Adds the time since the last mark to {@code stage} and marks now. */
    public void lap(Stage stage) {
        if (on) {
            long now = System.nanoTime();
            nanos[stage.ordinal()] += now - mark;
            mark = now;
        }
    }

    /** Counts a finished batch. */
    public void batchDone() {
        if (on) {
            batches++;
        }
    }

    /** Forgets what was recorded (after a warm-up). */
    public void reset() {
        java.util.Arrays.fill(nanos, 0);
        batches = 0;
    }

    long batches() {
        return batches;
    }

    /** Mean milliseconds per batch of each stage. */
    Map<Stage, Double> millisPerBatch() {
        Map<Stage, Double> out = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            out.put(s, batches == 0 ? 0 : nanos[s.ordinal()] / 1e6 / batches);
        }
        return out;
    }

    /** One line: each stage's mean milliseconds per batch and the total. */
    public String summary() {
        StringBuilder line = new StringBuilder();
        double total = 0;
        for (Map.Entry<Stage, Double> e : millisPerBatch().entrySet()) {
            line.append(e.getKey().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", e.getValue())).append("  ");
            total += e.getValue();
        }
        return line.append(String.format(Locale.ROOT, "= %.3f ms per batch over %d batches", total, batches))
                .toString();
    }
}
