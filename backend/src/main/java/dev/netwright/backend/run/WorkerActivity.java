package dev.netwright.backend.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * When each worker (in-process or standalone, by lease-holder name) last talked to this app instance: a claim poll or
 * a heartbeat. Operators alert on {@code netwright.worker.heartbeat.age.seconds} growing, and on
 * {@code netwright.workers.live} dropping. Workers silent for an hour are forgotten, so that restarted workers with
 * fresh names do not leave gauges behind forever. With several app instances each reports the workers that reached
 * it; take the minimum age across instances.
 */
@Component
class WorkerActivity {
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final MeterRegistry registry;
    private final long liveNanos;
    private final Map<String, Seen> workers = new ConcurrentHashMap<>();

    private record Seen(long lastNanos, Meter.Id gauge) {
    }

    WorkerActivity(MeterRegistry registry, JobsProperties jobs) {
        this.registry = registry;
        // A worker that missed a whole lease (three heartbeats, or many idle polls) is not live any more.
        this.liveNanos = Duration.ofSeconds(jobs.leaseSeconds()).toNanos();
        Gauge.builder("netwright.workers.live", this, WorkerActivity::live)
                .description("workers that polled or heartbeated within one lease period").register(registry);
    }

    void seen(String worker) {
        long now = System.nanoTime();
        workers.compute(worker, (name, old) -> new Seen(now, old != null ? old.gauge()
                : Gauge.builder("netwright.worker.heartbeat.age.seconds", this, a -> a.ageSeconds(name))
                        .description("seconds since this worker last polled for work or heartbeated")
                        .tag("worker", name).register(registry).getId()));
        forgetSilent(now);
    }

    double ageSeconds(String worker) {
        Seen s = workers.get(worker);
        return s == null ? Double.NaN : (System.nanoTime() - s.lastNanos()) / 1e9;
    }

    double live() {
        long now = System.nanoTime();
        return workers.values().stream().filter(s -> now - s.lastNanos() <= liveNanos).count();
    }

    private void forgetSilent(long now) {
        workers.entrySet().removeIf(e -> {
            boolean silent = now - e.getValue().lastNanos() > FORGET_AFTER.toNanos();
            if (silent) {
                registry.remove(e.getValue().gauge());
            }
            return silent;
        });
    }
}
