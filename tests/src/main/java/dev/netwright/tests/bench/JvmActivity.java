package dev.netwright.tests.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the JVM itself did while a benchmark timed something: milliseconds its JIT compilers spent compiling and its
 * collections (count and milliseconds). On two cores a compiler thread at work takes a core from the kernels' threads,
 * so a timed window with JIT activity in it measures the JVM warming up, not the training loop.
 */
record JvmActivity(long compileMillis, long collections, long collectionMillis) {
    static JvmActivity now() {
        var compilation = ManagementFactory.getCompilationMXBean();
        long compile = compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new JvmActivity(compile, count, millis);
    }

    /** The activity between {@code start} and this snapshot, in words. */
    String since(JvmActivity start) {
        return String.format(Locale.ROOT, "JIT compiling %d ms, %d collections (%d ms)", compileMillis
                - start.compileMillis, collections - start.collections, collectionMillis - start.collectionMillis);
    }
}
