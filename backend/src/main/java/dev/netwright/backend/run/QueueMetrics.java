package dev.netwright.backend.run;

import dev.netwright.engine.api.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
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
        for (RunStatus state : RunStatus.values()) {
            Gauge.builder("netwright.runs.state", this, m -> m.value(state.name())).tag("state", state.name())
                    .description("runs in each state (queue depth for QUEUED)").register(registry);
        }
    }

    double value(String name) {
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
                            RunStatus.CANCELLED.name(), rs.getDouble(7))).single());
            last.set(s);
        }
        return s.values().get(name);
    }
}
