package dev.netwright.engine.train.profile;

/**
 * Running totals of calls into the engine's native library and of engine arrays created, as a counting tool
 * supplies them (the benchmarks' agent rewrites DJL's PyTorch engine to count); a {@link BatchProfile} given one
 * attributes the differences to its stages.
 */
public interface NativeCounts {
    /** Calls into the native library so far. */
    long jniCalls();

    /** Engine arrays (native tensor handles) created so far. */
    long arrays();
}
