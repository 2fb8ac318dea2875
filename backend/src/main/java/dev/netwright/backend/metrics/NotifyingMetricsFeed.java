package dev.netwright.backend.metrics;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * One LISTEN connection per app instance; each notification wakes the subscribers of that run, which then read the
 * new rows themselves. Reading from the table (rather than trusting payloads) makes delivery exact even when
 * notifications are merged or lost while reconnecting; a periodic sweep covers the latter.
 */
@Service
class NotifyingMetricsFeed implements RunMetricsFeed, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NotifyingMetricsFeed.class);
    private static final long SWEEP_MILLIS = 3000;

    private final DataSource dataSource;
    private final RunMetricsStore store;
    private final Map<UUID, Set<Sub>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService delivery = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("metrics-feed-", 0).factory());
    private volatile Thread listener;
    private volatile boolean running;

    NotifyingMetricsFeed(DataSource dataSource, RunMetricsStore store) {
        this.dataSource = dataSource;
        this.store = store;
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
        listener = Thread.ofPlatform().daemon().name("metrics-listen").start(this::listenLoop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
        delivery.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenLoop() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + RunMetricsStore.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                log.debug("listening on {}", RunMetricsStore.CHANNEL);
                sweep(); // anything stored while we were not listening
                long lastSweep = System.currentTimeMillis();
                while (running) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            String p = n.getParameter();
                            int colon = p.indexOf(':');
                            Set<Sub> subs = subscribers.get(UUID.fromString(p.substring(0, colon)));
                            if (subs != null) {
                                subs.forEach(Sub::signal);
                            }
                        }
                    }
                    if (System.currentTimeMillis() - lastSweep > SWEEP_MILLIS) {
                        sweep();
                        lastSweep = System.currentTimeMillis();
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("metrics LISTEN connection lost ({}); reconnecting", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
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
