package dev.netwright.backend.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queue gauges for operators ({@code /actuator/prometheus}): runs per state, the age of the oldest queued run, and
 * running runs whose lease is overdue (a worker stopped heartbeating).
 * One query serves all gauges and is cached for a few seconds, so frequent scrapes do not load the database.
 */
@Component
class QueueMetrics implements MeterBinder {
    private static final long CACHE_NANOS = 5_000_000_000L;
    private static final List<String> STATES = List.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED");
    private final JdbcClient jdbc;
    private final AtomicReference<Snapshot> last = new AtomicReference<>();

    record Snapshot(long at, Map<String, Double> values) {
    }

    QueueMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("netwright.runs.queued", this, m -> m.value("queued")).description("runs waiting for a worker")
                .register(registry);
        Gauge.builder("netwright.runs.running", this, m -> m.value("running")).description("runs being trained")
                .register(registry);
        Gauge.builder("netwright.runs.oldest.queued.seconds", this, m -> m.value("oldest"))
                .description("how long the oldest queued run has waited").register(registry);
        Gauge.builder("netwright.runs.overdue.leases", this, m -> m.value("overdue"))
                .description("running runs whose worker missed its heartbeats").register(registry);
        for (String state : STATES) {
            Gauge.builder("netwright.runs.state", this, m -> m.value(state)).tag("state", state)
                    .description("runs in each state (queue depth for QUEUED)").register(registry);
        }
    }

    double value(String name) {
        Snapshot s = last.get();
        if (s == null || System.nanoTime() - s.at() > CACHE_NANOS) {
            s = new Snapshot(System.nanoTime(), jdbc.sql("""
                    SELECT count(*) FILTER (WHERE status = 'QUEUED'),
                           count(*) FILTER (WHERE status = 'RUNNING'),
                           coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'QUEUED')), 0),
                           count(*) FILTER (WHERE status = 'RUNNING' AND lease_expires_at < now()),
                           count(*) FILTER (WHERE status = 'SUCCEEDED'),
                           count(*) FILTER (WHERE status = 'FAILED'),
                           count(*) FILTER (WHERE status = 'CANCELLED')
                    FROM runs""")
                    .query((rs, i) -> Map.of("queued", rs.getDouble(1), "running", rs.getDouble(2),
                            "oldest", rs.getDouble(3), "overdue", rs.getDouble(4),
                            "QUEUED", rs.getDouble(1), "RUNNING", rs.getDouble(2), "SUCCEEDED", rs.getDouble(5),
                            "FAILED", rs.getDouble(6), "CANCELLED", rs.getDouble(7))).single());
            last.set(s);
        }
        return s.values().get(name);
    }
}
