package dev.netwright.engine.train;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets small pieces of work (a prediction of one or a few samples) run on the calling thread alone instead of
 * libtorch's two or more CPU threads. A forward pass that uses a second thread must wake it, and a request thread
 * that waited for the network in between always finds it asleep: the MLP template's single-sample forward took
 * 0.42-0.47 ms p50 after a 1 ms pause with two threads and 0.18-0.19 ms with one (0.026-0.034 ms both ways when
 * called back to back), LeNet's 0.36-0.41 ms after a 0.2-1 ms busy pause with two and 0.22-0.24 ms with one. Large
 * work (a batch of 256) keeps every thread.
 *
 * <p>libtorch's CPU operations take their thread count from two per-thread settings: OpenMP's
 * ({@code omp_set_num_threads} in the libgomp that libtorch loaded) and oneMKL's ({@code MKL_Set_Num_Threads_Local},
 * exported by {@code libtorch_cpu.so}). Both are set here for the calling thread only and restored when the
 * {@link Scope} closes, so other threads (a training run beside a request) keep theirs. PyTorch's own
 * {@code set_num_threads} is not used: it also changes the count that every new thread starts with and clears
 * oneDNN's cache of compiled kernels. Where the libraries or symbols are not found (another OS, another build) the
 * scopes do nothing; that is logged once. The settings belong to the OS thread, so this is for platform threads (the
 * server's request threads, the UI's, a run's): a virtual thread moved to another carrier inside a scope would leave
 * its first carrier on one thread.
 */
public final class IntraOpThreads {
    private static final System.Logger LOG = System.getLogger(IntraOpThreads.class.getName());
    /** Work up to this many multiply-adds (samples times the network's multiply-adds per sample) runs on one thread. */
    public static final long SMALL_WORK = 4_000_000L;
    private static final Scope NOTHING = () -> {
    };
    /** Per thread: its thread count as last set or read here, 0 before this thread was seen. */
    private static final ThreadLocal<int[]> CURRENT = ThreadLocal.withInitial(() -> new int[1]);

    private IntraOpThreads() {
    }

    /** Restores the calling thread's thread count. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One thread for the calling thread's operations until the scope closes when {@code multiplyAdds} is at most
     * {@link #SMALL_WORK} and known (positive); otherwise, or where it cannot be set, nothing changes.
     */
    public static Scope forWork(long multiplyAdds) {
        return multiplyAdds > 0 && multiplyAdds <= SMALL_WORK ? atMost(1) : NOTHING;
    }

    /** At most {@code threads} threads for the calling thread's operations until the scope closes. */
    public static Scope atMost(int threads) {
        if (!Libraries.BOUND) {
            return NOTHING;
        }
        int[] current = CURRENT.get();
        if (current[0] == 0) {
            // libtorch sets a thread's count from its process-wide setting on the thread's first parallel operation;
            // asking for the count makes that happen now, so that it does not overwrite the count set below
            current[0] = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        }
        int before = current[0];
        if (before <= threads) {
            return NOTHING;
        }
        set(current, threads);
        return () -> set(current, before);
    }

    /** The calling thread's count as these scopes know it (for tests): libtorch's own answer. */
    static int ofThisThread() {
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /** The calling thread's oneMKL thread count (for tests). */
    static int mklOfThisThread() {
        return Mkl.MKL_Get_Max_Threads();
    }

    /** Whether the per-thread settings were found (for tests and the log). */
    static boolean available() {
        return Libraries.BOUND;
    }

    private static void set(int[] current, int threads) {
        Omp.omp_set_num_threads(threads);
        Mkl.MKL_Set_Num_Threads_Local(threads);
        current[0] = threads;
    }

    /* The two per-thread settings, bound directly (JNA direct mapping: well under a microsecond a call). */

    private static final class Omp {
        static native void omp_set_num_threads(int threads);
    }

    private static final class Mkl {
        static native int MKL_Set_Num_Threads_Local(int threads);

        static native int MKL_Get_Max_Threads();
    }

    private static final class Libraries {
        static final boolean BOUND = bind();

        private static boolean bind() {
            try {
                ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch (and its libgomp) if not loaded yet
                Path torch = null;
                java.util.List<Path> gomps = new java.util.ArrayList<>();
                for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                    int slash = line.indexOf('/');
                    if (slash >= 0) {
                        Path file = Path.of(line.substring(slash));
                        String name = file.getFileName().toString();
                        if (name.equals("libtorch_cpu.so")) {
                            torch = file;
                        } else if (name.startsWith("libgomp")) {
                            gomps.add(file);
                        }
                    }
                }
                Path folder = torch == null ? null : torch.getParent();
                // libtorch ships its own libgomp beside itself; another one in the process is not the one it uses
                Path gomp = gomps.stream().filter(g -> g.getParent().equals(folder)).findFirst().orElse(null);
                if (gomp == null) {
                    throw new IllegalStateException("libtorch_cpu.so and its libgomp are not loaded in this process");
                }
                Native.register(Omp.class, NativeLibrary.getInstance(gomp.toString()));
                Native.register(Mkl.class, NativeLibrary.getInstance(torch.toString()));
                return true;
            } catch (IOException | RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.INFO, "small predictions use libtorch''s usual CPU threads: {0}",
                        e.toString());
                return false;
            }
        }
    }
}
