package dev.netwright.backend.sweep;

import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.search.Direction;
import dev.netwright.engine.worker.DatasetRef;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads sweeps and their trials from PostgreSQL, the only place their state lives. */
@Component
class SweepStore {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    SweepStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String SELECT = """
            SELECT id, project_id, workspace_id, name, design_version_id, dataset::text, base_config::text,
                   search_space::text, method, seed, grid_points, objective, direction, second_objective, max_trials,
                   max_minutes, max_concurrent, pruner, queue, priority, state, created_by, created_at
            FROM sweeps""";

    private static final RowMapper<SweepDefinition> DEFINITION = (rs, i) -> new SweepDefinition(
            rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
            rs.getObject("workspace_id", UUID.class), rs.getString("name"),
            rs.getObject("design_version_id", UUID.class), JSON.readValue(rs.getString("dataset"), DatasetRef.class),
            JSON.readValue(rs.getString("base_config"), TrainingSettings.class),
            JSON.readValue(rs.getString("search_space"), MAP), rs.getString("method"), rs.getLong("seed"),
            rs.getInt("grid_points"), Objective.parse(rs.getString("objective")),
            Direction.valueOf(rs.getString("direction")), rs.getString("second_objective"), rs.getInt("max_trials"),
            rs.getDouble("max_minutes"), rs.getInt("max_concurrent"), rs.getString("pruner"), rs.getString("queue"),
            rs.getInt("priority"), SweepState.valueOf(rs.getString("state")), rs.getObject("created_by", UUID.class),
            rs.getObject("created_at", OffsetDateTime.class));

    Optional<SweepDefinition> find(UUID sweepId) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(sweepId).query(DEFINITION).optional();
    }

    /**
     * Locks a sweep that still needs work; empty when it is done or another scheduler (another app instance) holds
     * it right now. The lock lasts until the caller's transaction ends.
     */
    Optional<SweepDefinition> lockActive(UUID sweepId) {
        return jdbc.sql(SELECT + " WHERE id = ? AND state IN (?, ?) FOR UPDATE SKIP LOCKED")
                .params(sweepId, SweepState.RUNNING.name(), SweepState.STOPPING.name()).query(DEFINITION).optional();
    }

    /** Locks a sweep for a user's change (stop, extend), waiting for a scheduler pass that holds it. */
    SweepDefinition lock(UUID sweepId) {
        return jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(sweepId).query(DEFINITION).single();
    }

    List<UUID> activeIds() {
        return jdbc.sql("SELECT id FROM sweeps WHERE state IN (?, ?) ORDER BY created_at")
                .params(SweepState.RUNNING.name(), SweepState.STOPPING.name()).query(UUID.class).list();
    }

    /** The sweep's trials by number, each with its objective per reported epoch. */
    List<TrialRecord> trials(SweepDefinition sweep) {
        Map<UUID, List<Double>> values = new HashMap<>();
        Map<UUID, Integer> totals = new HashMap<>();
        // only the objective's number leaves the database: a pass reads every epoch of every trial of the sweep
        jdbc.sql("""
                SELECT m.run_id, (m.payload #>> ?::text[])::float8, (m.payload->>'totalEpochs')::int
                FROM run_metrics m JOIN runs r ON r.id = m.run_id
                WHERE r.sweep_id = ? AND m.kind = 'EPOCH' ORDER BY m.run_id, (m.payload->>'epoch')::int""")
                .params(sweep.objective().payloadPath(), sweep.id()).query(rs -> {
                    UUID run = rs.getObject(1, UUID.class);
                    List<Double> list = values.computeIfAbsent(run, k -> new ArrayList<>());
                    double v = rs.getDouble(2);
                    // an epoch without the metric (e.g. no validation split) adds nothing
                    if (!rs.wasNull()) {
                        list.add(v);
                    }
                    int total = rs.getInt(3);
                    if (!rs.wasNull()) {
                        totals.put(run, total);
                    }
                });
        return jdbc.sql("""
                SELECT id, trial_number, status, stop_reason, cancel_requested, trial_params::text, trial_param_count,
                       final_metrics::text, created_at, started_at, finished_at, failure, pruning_step
                FROM runs WHERE sweep_id = ? ORDER BY trial_number""")
                .param(sweep.id()).query((rs, i) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String finals = rs.getString("final_metrics");
                    Long count = rs.getObject("trial_param_count", Long.class);
                    return new TrialRecord(id, rs.getInt("trial_number"), RunStatus.valueOf(rs.getString("status")),
                            rs.getString("stop_reason"), rs.getBoolean("cancel_requested"),
                            JSON.readValue(rs.getString("trial_params"), MAP), count,
                            finals == null ? null : JSON.readTree(finals), List.copyOf(values.getOrDefault(id,
                            List.of())), totals.get(id), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("started_at", OffsetDateTime.class),
                            rs.getObject("finished_at", OffsetDateTime.class), rs.getString("failure"),
                            rs.getInt("pruning_step"));
                }).list();
    }

    /** The stored design version a sweep varies. */
    dev.netwright.designer.model.Design design(UUID designVersionId) {
        String content = jdbc.sql("SELECT content FROM design_versions WHERE id = ?").param(designVersionId)
                .query(String.class).single();
        return parse(content);
    }

    static dev.netwright.designer.model.Design parse(String content) {
        try {
            return new dev.netwright.designer.format.DesignJson().read(content);
        } catch (dev.netwright.designer.format.DesignFormatException e) {
            // stored versions were validated on save, so this is damage, not user input
            throw new IllegalStateException("stored design cannot be read: " + e.getMessage(), e);
        }
    }

    /** The design text a trial trained: its variant, or the sweep's stored version. */
    String trialDesign(UUID runId) {
        return jdbc.sql("""
                SELECT coalesce(r.trial_design, v.content) FROM runs r JOIN design_versions v
                ON v.id = r.design_version_id WHERE r.id = ?""").param(runId).query(String.class).single();
    }
}
