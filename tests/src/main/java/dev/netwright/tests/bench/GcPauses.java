package dev.netwright.tests.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collector's pauses in this JVM, with wall-clock times, so a benchmark can tell whether a slow stretch
 * of training had a collection in it. Listens to the collectors' notifications from {@link #start()} on.
 */
final class GcPauses {
    /** One collection: when it started (epoch milliseconds), how long it took, which collector and why. */
    record Pause(long startMillis, long millis, String collector, String cause) {
    }

    private final List<Pause> pauses = new CopyOnWriteArrayList<>();

    private GcPauses() {
    }

    static GcPauses start() {
        GcPauses gc = new GcPauses();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        NotificationListener listener = (notification, handback) -> {
            if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            // G1's concurrent cycle reports its remark and clean-up pauses here; the rest are stop-the-world
            gc.pauses.add(new Pause(jvmStart + info.getGcInfo().getStartTime(), info.getGcInfo().getDuration(),
                    info.getGcName(), info.getGcCause()));
        };
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) bean).addNotificationListener(listener, null, null);
        }
        return gc;
    }

    /** Milliseconds of pauses that overlap [fromMillis, toMillis]. */
    long millisBetween(long fromMillis, long toMillis) {
        long total = 0;
        for (Pause p : pauses) {
            long start = Math.max(p.startMillis(), fromMillis);
            long end = Math.min(p.startMillis() + p.millis(), toMillis);
            total += Math.max(0, end - start);
        }
        return total;
    }

    /** Count, total and longest pause in [fromMillis, toMillis]. */
    String summary(long fromMillis, long toMillis) {
        List<Pause> in = pauses.stream().filter(p -> p.startMillis() >= fromMillis && p.startMillis() <= toMillis)
                .toList();
        long total = in.stream().mapToLong(Pause::millis).sum();
        Pause longest = in.stream().max(java.util.Comparator.comparingLong(Pause::millis)).orElse(null);
        return String.format(Locale.ROOT, "%d collections, %d ms in all (%.1f %% of %.0f s)%s", in.size(), total,
                100.0 * total / Math.max(1, toMillis - fromMillis), (toMillis - fromMillis) / 1000.0,
                longest == null ? "" : String.format(Locale.ROOT, ", longest %d ms (%s, %s)", longest.millis(),
                        longest.collector(), longest.cause()));
    }
}
