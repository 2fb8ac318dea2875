package dev.netwright.engine.worker;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a worker can hold, reported with every claim so that the server hands it only runs that fit.
 *
 * @param cpuMemoryBytes      memory a run may use on the CPU now: what the machine has available, less what the
 *                            worker keeps back (its own heap headroom and a safety margin)
 * @param cpuTotalMemoryBytes the most a run could ever use on the CPU here: the machine's (or container's) memory less
 *                            the worker's whole heap and the same margin, whatever else runs at the moment
 * @param gpuMemoryBytes      total memory of each GPU the training engine can use, in device order (empty: CPU only)
 */
public record WorkerCapacity(long cpuMemoryBytes, long cpuTotalMemoryBytes, List<Long> gpuMemoryBytes) {
    public WorkerCapacity {
        cpuMemoryBytes = Math.max(0, cpuMemoryBytes);
        cpuTotalMemoryBytes = Math.max(cpuMemoryBytes, cpuTotalMemoryBytes);
        gpuMemoryBytes = gpuMemoryBytes == null ? List.of() : List.copyOf(gpuMemoryBytes);
    }

    /**
     * The most memory one run may use here now: what it may claim. With GPUs the engine's automatic choice trains on
     * a GPU (and data-parallel training keeps a full copy of the model on each), so the smallest GPU bounds it;
     * without, the CPU memory available now.
     */
    public long trainingMemoryBytes() {
        return gpuMemoryBytes.isEmpty() ? cpuMemoryBytes : smallestGpu();
    }

    /** As {@link #trainingMemoryBytes()} on an otherwise idle machine: whether a run could ever train here. */
    public long largestTrainingMemoryBytes() {
        return gpuMemoryBytes.isEmpty() ? cpuTotalMemoryBytes : smallestGpu();
    }

    private long smallestGpu() {
        return gpuMemoryBytes.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** GPUs are measured once per process: they do not come and go while it runs. */
    private static volatile List<Long> gpus;

    /**
     * Measures this process's machine. {@code reserveBytes} is kept back from the CPU memory for everything that is
     * not the run (for the in-process worker: the app). The JVM's heap headroom (maximum less what is in use) is kept
     * back too, because the heap may still grow into it while native tensors are allocated.
     */
    public static WorkerCapacity measure(long reserveBytes) {
        Runtime rt = Runtime.getRuntime();
        long heapHeadroom = Math.max(0, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
        long available = availableMemoryBytes();
        long total = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : available;
        return new WorkerCapacity(available - heapHeadroom - reserveBytes, total - rt.maxMemory() - reserveBytes,
                gpuMemory());
    }

    /**
     * Memory the machine can give to a new allocation now: Linux's MemAvailable (free plus reclaimable cache), and
     * under a cgroup memory limit no more than that limit less the group's usage; elsewhere the JVM's free memory.
     */
    public static long availableMemoryBytes() {
        long available = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    available = Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        if (available < 0) {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getFreeMemorySize() : 0;
        }
        try {
            String limit = Files.readString(Path.of("/sys/fs/cgroup/memory.max")).strip();
            if (!limit.equals("max")) {
                long used = Long.parseLong(Files.readString(Path.of("/sys/fs/cgroup/memory.current")).strip());
                available = Math.min(available, Long.parseLong(limit) - used);
            }
        } catch (IOException | RuntimeException e) {
            // no cgroup v2 limit
        }
        return available;
    }

    private static List<Long> gpuMemory() {
        List<Long> known = gpus;
        if (known != null) {
            return known;
        }
        List<Long> found = new ArrayList<>();
        try {
            // cheap check first: without CUDA the engine (hundreds of MB of libtorch) need not load for this
            if (CudaUtils.getGpuCount() > 0) {
                int count = Engine.getEngine("PyTorch").getGpuCount(); // a CPU build of libtorch sees none
                for (int i = 0; i < count; i++) {
                    found.add(CudaUtils.getGpuMemory(Device.gpu(i)).getMax());
                }
            }
        } catch (RuntimeException | LinkageError e) {
            found.clear(); // no usable GPU: the CPU trains
        }
        gpus = List.copyOf(found);
        return gpus;
    }
}
