package dev.netwright.engine.train.profile;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time per {@link Stage} summed over the batches of a run, and the number of batches; with {@link NativeCounts}
 * also the native calls and arrays created per stage. A trainer without a profile uses {@link #OFF}, whose
 * {@link #start}, {@link #lap} and {@link #batchDone} are empty: a JVM that never records loads only that
 * implementation, so the compiler inlines the empty calls into the training loop and no stage pays a branch.
 * Not thread-safe: one profile per training thread.
 */
public abstract sealed class BatchProfile {
    /** The stages of one supervised batch, in the order they run. */
    public enum Stage {
        /**
         * Waiting for the batch the prefetcher gathered (and augmented) on its side thread, or gathering it here
         * when it was not the one expected, then making the engine's arrays of it (a copy to the device; none on
         * the CPU). The gathering itself overlaps the previous batch, so this is near zero unless it is slower
         * than a training step.
         */
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
    public static final BatchProfile OFF = new Off();

    final NativeCounts counts;
    final long[] nanos = new long[Stage.values().length];
    final long[] calls = new long[Stage.values().length];
    final long[] arrays = new long[Stage.values().length];
    long batches;

    private BatchProfile(NativeCounts counts) {
        this.counts = counts;
    }

    /** A profile that records wall time. */
    public static BatchProfile recording() {
        return new Recording(null);
    }

    /** A profile that records wall time and, from {@code counts}, native calls and arrays per stage. */
    public static BatchProfile recording(NativeCounts counts) {
        return new Recording(java.util.Objects.requireNonNull(counts, "counts"));
    }

    /** Starts timing from now (the beginning of a batch). */
    public abstract void start();

    /** Adds the time (and native calls) since the last mark to {@code stage} and marks now. */
    public abstract void lap(Stage stage);

    /** Counts a finished batch. */
    public abstract void batchDone();

    /** Forgets what was recorded (after a warm-up). */
    public void reset() {
        java.util.Arrays.fill(nanos, 0);
        java.util.Arrays.fill(calls, 0);
        java.util.Arrays.fill(arrays, 0);
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

    /** Whether native calls and arrays are counted. */
    public boolean countsNative() {
        return counts != null;
    }

    /** Mean native calls per batch of each stage (zero when not counted). */
    public Map<Stage, Double> jniCallsPerBatch() {
        return perBatch(calls);
    }

    /** Mean arrays created per batch in each stage (zero when not counted). */
    public Map<Stage, Double> arraysPerBatch() {
        return perBatch(arrays);
    }

    private Map<Stage, Double> perBatch(long[] sums) {
        Map<Stage, Double> out = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            out.put(s, batches == 0 ? 0 : (double) sums[s.ordinal()] / batches);
        }
        return out;
    }

    /** One line per batch: each stage's JNI calls / arrays created, and the totals; empty when not counted. */
    public String nativeSummary() {
        if (counts == null) {
            return "";
        }
        StringBuilder line = new StringBuilder();
        double totalCalls = 0;
        double totalArrays = 0;
        Map<Stage, Double> a = arraysPerBatch();
        for (Map.Entry<Stage, Double> e : jniCallsPerBatch().entrySet()) {
            line.append(e.getKey().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f/%.1f", e.getValue(), a.get(e.getKey()))).append("  ");
            totalCalls += e.getValue();
            totalArrays += a.get(e.getKey());
        }
        return line.append(String.format(Locale.ROOT, "= %.1f JNI calls / %.1f NDArrays per batch", totalCalls,
                totalArrays)).toString();
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

    /** {@link #OFF}: records nothing, at no cost. */
    private static final class Off extends BatchProfile {
        Off() {
            super(null);
        }

        @Override
        public void start() {
        }

        @Override
        public void lap(Stage stage) {
        }

        @Override
        public void batchDone() {
        }
    }

    /** Records wall time per stage and, with counts, native calls and arrays. */
    private static final class Recording extends BatchProfile {
        private long mark;
        private long callMark;
        private long arrayMark;

        Recording(NativeCounts counts) {
            super(counts);
        }

        @Override
        public void start() {
            mark = System.nanoTime();
            if (counts != null) {
                callMark = counts.jniCalls();
                arrayMark = counts.arrays();
            }
        }

        @Override
        public void lap(Stage stage) {
            long now = System.nanoTime();
            nanos[stage.ordinal()] += now - mark;
            mark = now;
            if (counts != null) {
                long c = counts.jniCalls();
                long a = counts.arrays();
                calls[stage.ordinal()] += c - callMark;
                arrays[stage.ordinal()] += a - arrayMark;
                callMark = c;
                arrayMark = a;
            }
        }

        @Override
        public void batchDone() {
            batches++;
        }
    }
}
