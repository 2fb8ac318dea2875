package dev.netwright.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU threading and oneMKL set-up this JVM runs with (scripts/cpu-env.sh sets it for the launcher), for the
 * benchmarks' headers (a figure means little without it); the PyTorch peer runs with its own best setting instead.
 */
public final class CpuSetup {
    /** The file name scripts/build-mkl-cpu-dispatch.sh gives the preloaded oneMKL CPU dispatch library. */
    public static final String DISPATCH_LIBRARY = "libnetwright-mkl-cpu-dispatch.so";

    private CpuSetup() {
    }

    /** The mapped path of the oneMKL CPU dispatch library in this process, if the dynamic linker loaded it. */
    public static Optional<String> dispatchLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(p -> p.endsWith("/" + DISPATCH_LIBRARY))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** glibc's allocator thresholds this JVM (and so the peer, which inherits them) runs with. */
    static String mallocThresholds() {
        return "MALLOC_MMAP_THRESHOLD_=" + System.getenv().getOrDefault("MALLOC_MMAP_THRESHOLD_", "(unset)")
                + ", MALLOC_TRIM_THRESHOLD_=" + System.getenv().getOrDefault("MALLOC_TRIM_THRESHOLD_", "(unset)")
                + ", MALLOC_ARENA_MAX=" + System.getenv().getOrDefault("MALLOC_ARENA_MAX", "(unset)");
    }

    /** One line: the OpenMP wait settings, the allocator's thresholds and whether oneMKL's dispatch library is loaded. */
    public static String describe() {
        return "OMP_WAIT_POLICY=" + System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)")
                + ", GOMP_SPINCOUNT=" + System.getenv().getOrDefault("GOMP_SPINCOUNT", "(unset)")
                + ", " + mallocThresholds()
                + ", oneMKL CPU dispatch library: " + dispatchLibrary().map(p -> "loaded (" + p + ")")
                .orElse("not loaded (oneMKL's generic kernels on AMD CPUs)");
    }

    /**
     * The peer with the setting that is fastest for it on a small machine: OMP_WAIT_POLICY=PASSIVE (Debian's PyTorch
     * runs OpenBLAS's own busy threads beside libgomp's; with libgomp's default spinning the MLP trained at 11,700 to
     * 14,700 samples/s against 36,000 to 45,000 with PASSIVE on the 2-core build machine), no GOMP_SPINCOUNT and
     * nothing preloaded (the dispatch library is for libtorch's oneMKL). It keeps the launcher's glibc allocator
     * thresholds (inherited): they help PyTorch at least as much as this engine (docs/training.md, "CPU threads and
     * oneMKL"). Each side runs with its own best settings.
     */
    public static ProcessBuilder asPyTorchRunsBest(ProcessBuilder peer) {
        peer.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        peer.environment().remove("GOMP_SPINCOUNT");
        peer.environment().remove("LD_PRELOAD");
        return peer;
    }

    /** The peer's set-up, for the benchmarks' headers. */
    public static String describePeer() {
        return "PyTorch peer: OMP_WAIT_POLICY=PASSIVE, nothing preloaded, the same " + mallocThresholds()
                + " (its fastest setting here)";
    }
}
