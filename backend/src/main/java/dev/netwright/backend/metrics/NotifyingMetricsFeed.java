package dev.netwright.backend.metrics;

import dev.netwright.backend.db.DatabaseNotifications;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Fed by the app instance's shared LISTEN connection ({@link DatabaseNotifications}); each notification wakes the subscribers of that run, which then read the
 * new rows themselves. Reading from the table (rather than trusting payloads) makes delivery exact even when
 * notifications are merged or lost while reconnecting; a periodic sweep covers the latter.
 */
@Service
class NotifyingMetricsFeed implements RunMetricsFeed, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NotifyingMetricsFeed.class);
    private static final long SWEEP_MILLIS = 3000;

    private final RunMetricsStore store;
    private final Map<UUID, Set<Sub>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService delivery = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("metrics-feed-", 0).factory());
    private volatile long lastSweep;
    private volatile boolean running;

    NotifyingMetricsFeed(DatabaseNotifications notifications, RunMetricsStore store) {
        this.store = store;
        notifications.listen(RunMetricsStore.CHANNEL, new DatabaseNotifications.Channel() {
            @Override
            public void onNotification(String payload) {
                int colon = payload.indexOf(':');
                Set<Sub> subs = subscribers.get(UUID.fromString(payload.substring(0, colon)));
                if (subs != null) {
                    subs.forEach(Sub::signal);
                }
            }

            @Override
            public void onListening() {
                sweep(); // anything stored while we were not listening
                lastSweep = System.currentTimeMillis();
            }

            @Override
            public void onPoll() {
                if (System.currentTimeMillis() - lastSweep > SWEEP_MILLIS) {
                    sweep();
                    lastSweep = System.currentTimeMillis();
                }
            }
        });
    }

    @Override
    public Subscription subscribe(UUID runId, long fromSeq, Consumer<MetricRecord> consumer) {
        Sub sub = new Sub(runId, fromSeq, consumer);
        // registered before the replay, so a point stored meanwhile is caught by the notification or the replay
        subscribers.computeIfAbsent(runId, k -> ConcurrentHashMap.newKeySet()).add(sub);
        sub.signal();
        return sub;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        delivery.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void sweep() {
        subscribers.values().forEach(s -> s.forEach(Sub::signal));
    }

    private final class Sub implements Subscription {
        private final UUID runId;
        private final Consumer<MetricRecord> consumer;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();
        private volatile boolean closed;
        private long lastSeq;

        Sub(UUID runId, long fromSeq, Consumer<MetricRecord> consumer) {
            this.runId = runId;
            this.lastSeq = fromSeq;
            this.consumer = consumer;
        }

        /** Schedules a catch-up; at most one runs at a time per subscriber, so points stay in order. */
        void signal() {
            again.set(true);
            if (!closed && scheduled.compareAndSet(false, true)) {
                try {
                    delivery.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    scheduled.set(false);
                }
            }
        }

        private void drain() {
            try {
                while (again.getAndSet(false) && !closed) {
                    List<MetricRecord> batch;
                    do {
                        batch = store.after(runId, lastSeq, 1000, null);
                        for (MetricRecord r : batch) {
                            if (closed) {
                                return;
                            }
                            lastSeq = r.seq();
                            consumer.accept(r);
                        }
                    } while (batch.size() == 1000);
                }
            } catch (RuntimeException e) {
                log.warn("metrics delivery for run {} failed: {}", runId, e.toString());
                close();
            } finally {
                scheduled.set(false);
                if (again.get() && !closed) {
                    signal();
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            Set<Sub> subs = subscribers.get(runId);
            if (subs != null) {
                subs.remove(this);
                subscribers.computeIfPresent(runId, (k, v) -> v.isEmpty() ? null : v);
            }
        }
    }
}
