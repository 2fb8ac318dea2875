package dev.netwright.backend.metrics;

import dev.netwright.engine.api.MetricKind;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores metric points and announces each with NOTIFY, so that every app instance (not only this one) can push it
 * to its subscribers. The NOTIFY is sent in the inserting transaction: PostgreSQL delivers it only on commit, so a
 * listener never hears of a row it cannot read yet.
 */
@Service
public class RunMetricsStore {
    /** One channel for the whole app; the payload says which run and which point. */
    static final String CHANNEL = "netwright_run_metrics";
    private static final RowMapper<MetricRecord> ROW = (rs, i) -> new MetricRecord(rs.getObject(1, UUID.class),
            rs.getLong(2), MetricKind.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, OffsetDateTime.class));

    private final JdbcClient jdbc;

    RunMetricsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a point that has no reporter's key (server-side STATUS points); see the four-argument form. */
    @Transactional
    public Optional<Long> append(UUID runId, MetricKind kind, String payloadJson) {
        return append(runId, kind, payloadJson, null);
    }

    /**
     * Appends a point and returns its seq; empty when it is already stored. Workers key every point they report
     * ({@code pointKey}, kept with it): a report retried after an outage, stored or not the first time, carries the
     * same key and is stored once. An EPOCH point for an epoch that is already stored (a resumed attempt re-running
     * an epoch its predecessor had reported) is dropped as well, so the history has each epoch once. Both checks
     * run under the run's row lock, so two deliveries of one point at the same time cannot both pass.
     */
    @Transactional
    public Optional<Long> append(UUID runId, MetricKind kind, String payloadJson, String pointKey) {
        // the row lock on runs serialises appends of one run: seq has neither gaps nor duplicates, and the
        // duplicate checks below see every point stored before
        long last = jdbc.sql("SELECT last_seq FROM runs WHERE id = ? FOR UPDATE").param(runId).query(Long.class)
                .single();
        boolean seen = pointKey != null && jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM run_metrics WHERE run_id = ? AND point_key = ?)""")
                .params(runId, pointKey).query(Boolean.class).single();
        if (!seen && kind == MetricKind.EPOCH) {
            seen = jdbc.sql("""
                    SELECT EXISTS (SELECT 1 FROM run_metrics WHERE run_id = ? AND kind = 'EPOCH'
                                   AND payload->'epoch' = (?::jsonb)->'epoch')""")
                    .params(runId, payloadJson).query(Boolean.class).single();
        }
        if (seen) {
            return Optional.empty();
        }
        long seq = last + 1;
        jdbc.sql("UPDATE runs SET last_seq = ? WHERE id = ?").params(seq, runId).update();
        jdbc.sql("INSERT INTO run_metrics (run_id, seq, kind, payload, point_key) VALUES (?, ?, ?, ?::jsonb, ?)")
                .params(runId, seq, kind.name(), payloadJson, pointKey).update();
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, runId + ":" + seq).query((rs, i) -> 1).list();
        return Optional.of(seq);
    }

    /** Points with seq above {@code afterSeq}, oldest first. */
    public List<MetricRecord> after(UUID runId, long afterSeq, int limit, MetricKind kindOrNull) {
        String kind = kindOrNull == null ? null : kindOrNull.name();
        return jdbc.sql("""
                SELECT run_id, seq, kind, payload::text, at FROM run_metrics
                WHERE run_id = ? AND seq > ? AND (?::text IS NULL OR kind = ?::text)
                ORDER BY seq LIMIT ?""")
                .params(runId, afterSeq, kind, kind, Math.clamp(limit, 1, 5000)).query(ROW).list();
    }
}
