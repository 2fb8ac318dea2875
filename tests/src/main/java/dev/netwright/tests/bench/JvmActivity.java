package dev.netwright.tests.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the JVM itself did while a benchmark timed something: milliseconds its JIT compilers spent compiling, and the
 * collections {@link GcPauses} saw in the window. On two cores a compiler thread at work takes a core from the
 * kernels' threads, so a timed window with JIT activity in it measures the JVM warming up, not the training loop.
 */
record JvmActivity(long wallMillis, long compileMillis) {
    static JvmActivity now() {
        var compilation = ManagementFactory.getCompilationMXBean();
        long compile = compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
        return new JvmActivity(System.currentTimeMillis(), compile);
    }

    /** The activity between {@code start} and this snapshot, in words. */
    String since(JvmActivity start, GcPauses gc) {
        return String.format(Locale.ROOT, "JIT compiling %d ms, %s", compileMillis - start.compileMillis,
                gc.summary(start.wallMillis, wallMillis));
    }
}
