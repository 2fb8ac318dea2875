package dev.netwright.backend.run;

import dev.netwright.engine.api.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queue gauges for operators ({@code /actuator/prometheus}): runs per state, runs waiting per queue (what worker
 * pools scale on), the age of the oldest queued run, and running runs whose lease is overdue (a worker stopped
 * heartbeating). Two queries serve all gauges and are cached for a few seconds, so frequent scrapes do not load the
 * database.
 */
@Component
class QueueMetrics implements MeterBinder {
    private static final long CACHE_NANOS = 5_000_000_000L;
    private final JdbcClient jdbc;
    private final List<String> localQueues;
    private final AtomicReference<Snapshot> last = new AtomicReference<>();
    private MultiGauge queuedPerQueue;
    private Set<String> registeredQueues = Set.of();

    /** {@code queued}: runs waiting per queue, for every queue with runs in flight or served by a worker. */
    record Snapshot(long at, Map<String, Double> values, Map<String, Double> queued) {
    }

    QueueMetrics(JdbcClient jdbc, JobsProperties jobs) {
        this.jdbc = jdbc;
        this.localQueues = jobs.localWorkers() > 0 ? jobs.localQueues() : List.of();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // One series per queue (sum them for the total, or read netwright_runs_state{state="QUEUED"}). A queue
        // served by a worker token or the in-process workers reports 0 when empty, so a pool can scale to zero.
        queuedPerQueue = MultiGauge.builder("netwright.runs.queued")
                .description("runs waiting for a worker, per queue").register(registry);
        Gauge.builder("netwright.runs.running", this, m -> m.value("running")).description("runs being trained")
                .register(registry);
        Gauge.builder("netwright.runs.oldest.queued.seconds", this, m -> m.value("oldest"))
                .description("how long the oldest queued run has waited").register(registry);
        Gauge.builder("netwright.runs.overdue.leases", this, m -> m.value("overdue"))
                .description("running runs whose worker missed its heartbeats").register(registry);
        for (RunStatus state : RunStatus.values()) {
            Gauge.builder("netwright.runs.state", this, m -> m.value(state.name())).tag("state", state.name())
                    .description("runs in each state (queue depth for QUEUED)").register(registry);
        }
    }

    double value(String name) {
        return snapshot().values().get(name);
    }

    double queued(String queue) {
        return snapshot().queued().getOrDefault(queue, 0.0);
    }

    private synchronized Snapshot snapshot() {
        Snapshot s = last.get();
        if (s == null || System.nanoTime() - s.at() > CACHE_NANOS) {
            s = new Snapshot(System.nanoTime(), jdbc.sql("""
                    SELECT count(*) FILTER (WHERE status = ?),
                           count(*) FILTER (WHERE status = ?),
                           coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = ?)), 0),
                           count(*) FILTER (WHERE status = ? AND lease_expires_at < now()),
                           count(*) FILTER (WHERE status = ?),
                           count(*) FILTER (WHERE status = ?),
                           count(*) FILTER (WHERE status = ?)
                    FROM runs""")
                    .params(RunStatus.QUEUED.name(), RunStatus.RUNNING.name(), RunStatus.QUEUED.name(),
                            RunStatus.RUNNING.name(), RunStatus.SUCCEEDED.name(), RunStatus.FAILED.name(),
                            RunStatus.CANCELLED.name())
                    .query((rs, i) -> Map.of("queued", rs.getDouble(1), "running", rs.getDouble(2),
                            "oldest", rs.getDouble(3), "overdue", rs.getDouble(4),
                            RunStatus.QUEUED.name(), rs.getDouble(1), RunStatus.RUNNING.name(), rs.getDouble(2),
                            RunStatus.SUCCEEDED.name(), rs.getDouble(5), RunStatus.FAILED.name(), rs.getDouble(6),
                            RunStatus.CANCELLED.name(), rs.getDouble(7))).single(),
                    queuedPerQueue());
            last.set(s);
            registerQueues(s.queued().keySet());
        }
        return s;
    }

    private Map<String, Double> queuedPerQueue() {
        Map<String, Double> queued = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT q.queue, count(r.id)
                FROM (SELECT DISTINCT queue FROM runs WHERE status IN (?, ?)
                      UNION SELECT unnest(queues) FROM worker_tokens WHERE revoked_at IS NULL
                      UNION SELECT unnest(?::text[])) q
                LEFT JOIN runs r ON r.queue = q.queue AND r.status = ?
                GROUP BY q.queue ORDER BY q.queue""")
                .params(RunStatus.QUEUED.name(), RunStatus.RUNNING.name(), localQueues.toArray(String[]::new),
                        RunStatus.QUEUED.name())
                .query(rs -> {
                    queued.put(rs.getString(1), rs.getDouble(2));
                });
        return queued;
    }

    /** Adds a series for each queue that appeared and drops those of queues that are gone. */
    private void registerQueues(Set<String> queues) {
        if (queuedPerQueue == null || queues.equals(registeredQueues)) {
            return;
        }
        registeredQueues = Set.copyOf(queues);
        queuedPerQueue.register(queues.stream()
                .map(q -> MultiGauge.Row.of(Tags.of("queue", q), this, m -> m.queued(q))).toList(), false);
    }
}
