package dev.netwright.tests.bench.jni;

import dev.netwright.engine.train.profile.NativeCounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters incremented by the DJL PyTorch engine's classes once {@link NativeCallAgent} has rewritten them: one per
 * native method of {@code PyTorchLibrary} (each call into libtorch through JNI) and one for every {@code PtNDArray}
 * constructed (each a libtorch tensor handle owned by Java). Public because the rewritten engine classes call it.
 */
public final class NativeCalls {
    private static final int MAX_METHODS = 1024;
    private static final List<String> NAMES = new CopyOnWriteArrayList<>();
    private static final AtomicLongArray CALLS = new AtomicLongArray(MAX_METHODS);
    private static final AtomicLongArray ARRAYS = new AtomicLongArray(1);
    private static volatile boolean active;

    private NativeCalls() {
    }

    /** Called before every rewritten call site of native method {@code id}. */
    public static void call(int id) {
        CALLS.incrementAndGet(id);
    }

    /** Called at the end of every {@code PtNDArray} constructor. */
    public static void arrayCreated() {
        ARRAYS.incrementAndGet(0);
    }

    /** The id of native method {@code name} (the agent's rewriting assigns them). */
    static synchronized int idOf(String name) {
        int id = NAMES.indexOf(name);
        if (id < 0) {
            if (NAMES.size() == MAX_METHODS) {
                throw new IllegalStateException("more than " + MAX_METHODS + " native methods");
            }
            NAMES.add(name);
            id = NAMES.size() - 1;
        }
        return id;
    }

    static void activate() {
        active = true;
    }

    /** Whether the agent is installed (the JVM was started with {@code -javaagent:} its jar). */
    public static boolean active() {
        return active;
    }

    /** The counts so far: calls per native method, and arrays created. */
    public static Snapshot snapshot() {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            calls.put(NAMES.get(i), CALLS.get(i));
        }
        return new Snapshot(calls, ARRAYS.get(0));
    }

    /** The counters as a training profile reads them. */
    public static NativeCounts counts() {
        return new NativeCounts() {
            @Override
            public long jniCalls() {
                long total = 0;
                for (int i = 0; i < NAMES.size(); i++) {
                    total += CALLS.get(i);
                }
                return total;
            }

            @Override
            public long arrays() {
                return ARRAYS.get(0);
            }
        };
    }

    /**
     * Counts at one moment.
     *
     * @param calls  calls per native method name
     * @param arrays PtNDArray objects created
     */
    public record Snapshot(Map<String, Long> calls, long arrays) {
        public long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What happened since {@code earlier}, per {@code units} (batches, requests), as one line. */
        public String since(Snapshot earlier, long units, int top) {
            List<Map.Entry<String, Long>> deltas = new ArrayList<>();
            calls.forEach((name, n) -> {
                long d = n - earlier.calls().getOrDefault(name, 0L);
                if (d > 0) {
                    deltas.add(Map.entry(name, d));
                }
            });
            deltas.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%.1f JNI calls, %.1f NDArrays created", (totalCalls() - earlier.totalCalls()) / (double) units,
                    (arrays - earlier.arrays()) / (double) units));
            if (!deltas.isEmpty()) {
                s.append(" (");
                for (int i = 0; i < Math.min(top, deltas.size()); i++) {
                    s.append(i == 0 ? "" : ", ").append(deltas.get(i).getKey()).append(' ')
                            .append(String.format(java.util.Locale.ROOT, "%.1f",
                                    deltas.get(i).getValue() / (double) units));
                }
                s.append(deltas.size() > top ? ", ...)" : ")");
            }
            return s.toString();
        }
    }
}
