package dev.netwright.backend.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Looks for expired leases every few seconds. Every app instance runs one; SKIP LOCKED keeps them apart. */
@Component
class LeaseReaper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);
    private final RunQueue queue;
    private final JobsProperties properties;
    private ScheduledExecutorService timer;

    LeaseReaper(RunQueue queue, JobsProperties properties) {
        this.queue = queue;
        this.properties = properties;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("lease-reaper")
                .unstarted(r));
        timer.scheduleWithFixedDelay(() -> {
            try {
                queue.requeueExpired();
            } catch (RuntimeException e) {
                log.warn("lease check failed: {}", e.toString());
            }
        }, properties.reaperSeconds(), properties.reaperSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
