package dev.netwright.backend.resources;

import dev.netwright.engine.worker.WorkerCapacity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The capacity every worker reported with its last poll, kept in the database so that all app instances see every
 * worker: which runs a worker may claim, which runs no live worker can take, and how large a run may be at all.
 */
@Component
public class WorkerCapacities {
    /** Polls come every second or so; storing each would write for nothing. */
    private static final long REWRITE_NANOS = Duration.ofSeconds(2).toNanos();

    private final JdbcClient jdbc;
    private final ResourceLimits limits;
    private final Map<String, Written> written = new ConcurrentHashMap<>();
    private final Map<String, Long> beats = new ConcurrentHashMap<>();

    private record Written(long nanos, WorkerCapacity capacity, List<String> queues) {
    }

    WorkerCapacities(JdbcClient jdbc, ResourceLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /** Records what {@code owner} (a lease-holder name) can hold and which queues it serves. */
    public void report(String owner, List<String> queues, WorkerCapacity capacity) {
        long now = System.nanoTime();
        Written last = written.get(owner);
        if (last != null && now - last.nanos() < REWRITE_NANOS && last.queues().equals(queues)
                && similar(last.capacity().trainingMemoryBytes(), capacity.trainingMemoryBytes())) {
            return;
        }
        jdbc.sql("""
                INSERT INTO worker_capacity (owner, queues, cpu_memory_bytes, gpu_memory_bytes, training_memory_bytes,
                                             largest_training_memory_bytes, seen_at)
                VALUES (?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (owner) DO UPDATE SET queues = excluded.queues,
                    cpu_memory_bytes = excluded.cpu_memory_bytes, gpu_memory_bytes = excluded.gpu_memory_bytes,
                    training_memory_bytes = excluded.training_memory_bytes,
                    largest_training_memory_bytes = excluded.largest_training_memory_bytes, seen_at = now()""")
                .params(owner, queues.toArray(String[]::new), capacity.cpuMemoryBytes(),
                        capacity.gpuMemoryBytes().toArray(Long[]::new), capacity.trainingMemoryBytes(),
                        capacity.largestTrainingMemoryBytes())
                .update();
        written.put(owner, new Written(now, capacity, List.copyOf(queues)));
    }

    /**
     * A heartbeat: the worker is alive though busy (it does not poll while it trains), so it still counts as a live
     * worker of its queues. Written at most every few seconds per worker.
     */
    public void seen(String owner) {
        long now = System.nanoTime();
        Long last = beats.get(owner);
        if (last != null && now - last < REWRITE_NANOS) {
            return;
        }
        beats.put(owner, now);
        jdbc.sql("UPDATE worker_capacity SET seen_at = now() WHERE owner = ?").param(owner).update();
    }

    private static boolean similar(long a, long b) {
        return Math.abs(a - b) <= Math.max(a, b) / 20; // within 5 %
    }

    /**
     * The most any worker seen within {@link ResourceLimits#knownWorkerAge()} could give one run on an otherwise idle
     * machine (not what it has free at the moment: a busy worker still counts at its size); empty if none reported.
     */
    public OptionalLong largestKnown() {
        // max() over no rows is one NULL row: read it as a list, since single() refuses a null value
        java.util.List<Long> largest = jdbc.sql("""
                SELECT max(largest_training_memory_bytes) FROM worker_capacity
                WHERE seen_at > now() - make_interval(secs => ?)""")
                .param((double) limits.knownWorkerAge().toSeconds()).query(Long.class).list();
        return largest.isEmpty() || largest.getFirst() == null ? OptionalLong.empty()
                : OptionalLong.of(largest.getFirst());
    }
}
