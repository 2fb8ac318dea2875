package dev.netwright.engine.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts the JVM's JIT compiler threads at the lowest CPU priority (nice 19), on Linux, so that compiling Java code never
 * holds up libtorch's kernel threads. A two-thread matrix product waits at its end for both threads; on a 2-core
 * machine a compiler thread sharing a core with libtorch's helper thread made every product wait for the scheduler:
 * prediction batches of the MLP template took 2.0-2.6 ms instead of 0.42-0.47 ms for stretches of hundreds of batches
 * while C2 compiled, and a run's first seconds trained at half speed. At nice 19 the compilers use what the kernels
 * leave; they still finish (they get the cores whenever the kernels wait). At that default level they also go into
 * the idle scheduling class: under EEVDF a waking nice-0 thread may still wait for a nice-19 thread's slice to end,
 * while an idle-class thread gives way at once. Threads are looked up in
 * {@code /proc/self/task} by name, again at most every {@link #RESCAN_NANOS} because the JVM may start more compiler
 * threads later. {@code NETWRIGHT_NICE_JIT} sets the level (0 leaves their priority alone); where the platform has
 * no such files or the call fails, nothing changes.
 */
final class CompilerThreads {
    private static final System.Logger LOG = System.getLogger(CompilerThreads.class.getName());
    /** The environment setting: the nice level, 1 to 19; 0 turns this off. */
    static final String SWITCH = "NETWRIGHT_NICE_JIT";
    static final int DEFAULT_NICE = 19;
    private static final long RESCAN_NANOS = 10_000_000_000L;
    private static final Set<Integer> LOWERED = ConcurrentHashMap.newKeySet();
    private static final AtomicLong NEXT_SCAN = new AtomicLong(Long.MIN_VALUE);
    private static volatile boolean unavailable;
    private static volatile boolean idleClassRefused;

    private CompilerThreads() {
    }

    /** The C library call, loaded on first use only. */
    private interface CLibrary extends Library {
        int PRIO_PROCESS = 0;

        /** Runs only when no other thread wants the core, and gives way at once when one wakes. */
        int SCHED_IDLE = 5;

        int setpriority(int which, int who, int prio);

        /** {@code param} is {@code struct sched_param}: one int, the static priority (0 for SCHED_IDLE). */
        int sched_setscheduler(int pid, int policy, int[] param);
    }

    private static final class Holder {
        static final CLibrary C = Native.load("c", CLibrary.class);
    }

    /** Lowers the compiler threads not lowered yet; cheap when called often (one clock read between scans). */
    static void yieldToKernels() {
        long now = System.nanoTime();
        long next = NEXT_SCAN.get();
        if (unavailable || (next != Long.MIN_VALUE && now - next < 0) || !NEXT_SCAN.compareAndSet(next,
                now + RESCAN_NANOS)) {
            return;
        }
        int nice = nice(System.getenv(SWITCH));
        if (nice == 0) {
            unavailable = true;
            return;
        }
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            unavailable = true;
            return;
        }
        int lowered = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                int tid = Integer.parseInt(thread.getFileName().toString());
                if (!LOWERED.contains(tid) && isCompiler(thread)) {
                    if (Holder.C.setpriority(CLibrary.PRIO_PROCESS, tid, nice) != 0) {
                        throw new IOException("setpriority failed for thread " + tid);
                    }
                    if (nice == DEFAULT_NICE && !idleClassRefused
                            && Holder.C.sched_setscheduler(tid, CLibrary.SCHED_IDLE, new int[] {0}) != 0) {
                        idleClassRefused = true; // nice 19 alone still applies
                        LOG.log(System.Logger.Level.INFO, "JIT compiler threads stay out of the idle scheduling "
                                + "class (refused); they run at nice {0}", nice);
                    }
                    LOWERED.add(tid);
                    lowered++;
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            unavailable = true;
            LOG.log(System.Logger.Level.INFO, "JIT compiler threads keep their CPU priority: {0}", e.toString());
            return;
        }
        if (lowered > 0) {
            LOG.log(System.Logger.Level.INFO, "{0} JIT compiler thread(s) now at nice {1}, so that compiling does not "
                    + "stall libtorch''s threads ({2}=0 turns this off)", lowered, nice, SWITCH);
        }
    }

    /** The level {@code setting} asks for: unset or not a number from 0 to 19 gives the default. */
    static int nice(String setting) {
        if (setting != null) {
            try {
                int level = Integer.parseInt(setting.strip());
                if (level >= 0 && level <= 19) {
                    return level;
                }
            } catch (NumberFormatException e) {
                // the default, as for a level out of range
            }
            LOG.log(System.Logger.Level.WARNING, "{0}={1} is not a nice level from 0 to 19; using {2}", SWITCH,
                    setting, DEFAULT_NICE);
        }
        return DEFAULT_NICE;
    }

    private static boolean isCompiler(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        } catch (IOException e) {
            return false; // the thread ended meanwhile
        }
    }

    /** Scans now, whenever the last scan was (for tests). */
    static void rescan() {
        NEXT_SCAN.set(Long.MIN_VALUE);
        yieldToKernels();
    }

    /** Ids of the threads lowered so far (for tests). */
    static Set<Integer> lowered() {
        return Set.copyOf(LOWERED);
    }
}
