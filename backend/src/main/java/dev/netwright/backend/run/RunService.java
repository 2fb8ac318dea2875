package dev.netwright.backend.run;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.StatusPoint;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.worker.DatasetRef;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creating, listing and cancelling runs on behalf of users (the queue side is {@link RunQueue}). */
@Service
public class RunService {
    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Published after a run is queued, so idle in-process workers claim it at once instead of at their next poll. */
    public record RunQueued(UUID runId, String queue) {
    }

    /** What a client sends to start a run. {@code version} null means the design's latest version. */
    public record CreateRun(UUID designId, Integer version, DatasetRef dataset, TrainingSettings config,
                            Integer priority,
                            String queue, Integer maxAttempts) {
    }

    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final RunAccess runAccess;
    private final AuditLog audit;
    private final RunMetricsStore metrics;
    private final JobsProperties properties;
    private final ApplicationEventPublisher events;
    private final RunInputs inputs;

    RunService(JdbcClient jdbc, WorkspaceAccess access, RunAccess runAccess, AuditLog audit, RunMetricsStore metrics,
               JobsProperties properties, ApplicationEventPublisher events, RunInputs inputs) {
        this.jdbc = jdbc;
        this.access = access;
        this.runAccess = runAccess;
        this.audit = audit;
        this.metrics = metrics;
        this.properties = properties;
        this.events = events;
        this.inputs = inputs;
    }

    @Transactional
    public RunView create(AppUser user, UUID projectId, CreateRun body) {
        ProjectRef project = access.requireProject(user.id(), projectId, Role.EDITOR);
        if (body == null || body.designId() == null) {
            throw ApiException.badRequest("'designId' is required: the design to train");
        }
        RunInputs.TrainableVersion v = inputs.trainableVersion(projectId, body.designId(), body.version());
        DatasetRef dataset = inputs.dataset(projectId, body.dataset());
        TrainingSettings config = inputs.settings(body.config(), dataset);
        int priority = body.priority() == null ? 0 : body.priority();
        if (priority < -100 || priority > 100) {
            throw ApiException.badRequest("'priority' must be between -100 and 100 (higher runs first)");
        }
        String queue = body.queue() == null || body.queue().isBlank() ? "default" : body.queue().strip();
        if (!queue.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw ApiException.badRequest("'queue' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        int maxAttempts = body.maxAttempts() == null ? properties.maxAttempts() : body.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw ApiException.badRequest("'maxAttempts' must be between 1 and 20");
        }
        UUID id = jdbc.sql("""
                INSERT INTO runs (project_id, workspace_id, design_version_id, dataset, config, queue, priority,
                                  max_attempts, created_by)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?) RETURNING id""")
                .params(projectId, project.workspaceId(), v.id(), JSON.writeValueAsString(dataset),
                        JSON.writeValueAsString(config), queue, priority, maxAttempts, user.id())
                .query(UUID.class).single();
        metrics.append(id, MetricKind.STATUS, RunQueue.json(StatusPoint.of(RunStatus.QUEUED)));
        audit.record(project.workspaceId(), user.id(), "run.create", "run", id,
                Map.of("design", body.designId().toString(), "version", v.number(), "queue", queue));
        log.info("Run {} queued in '{}' (priority {}) by {}", id, queue, priority, user.username());
        events.publishEvent(new RunQueued(id, queue));
        return view(id);
    }

    public List<RunView> list(AppUser user, UUID projectId, RunStatus status, int limit) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        return jdbc.sql(SELECT + " WHERE r.project_id = ? AND (?::text IS NULL OR r.status = ?::text) "
                        + "ORDER BY r.created_at DESC LIMIT ?")
                .params(projectId, name(status), name(status), Math.clamp(limit, 1, 500)).query(ROW).list();
    }

    /** A page of a project's runs, newest first, optionally only those in one state. */
    public Page<RunView> list(AppUser user, UUID projectId, RunStatus status, PageRequest page) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        List<RunView> items = jdbc.sql(SELECT + " WHERE r.project_id = ? AND (?::text IS NULL OR r.status = ?::text) "
                        + "ORDER BY r.created_at DESC, r.id LIMIT ? OFFSET ?")
                .params(projectId, name(status), name(status), page.size(), page.offset()).query(ROW).list();
        long total = jdbc.sql("SELECT count(*) FROM runs WHERE project_id = ? "
                        + "AND (?::text IS NULL OR status = ?::text)")
                .params(projectId, name(status), name(status)).query(Long.class).single();
        return Page.of(items, total, page);
    }

    public RunView get(AppUser user, UUID runId) {
        runAccess.require(user, runId, Role.VIEWER);
        return view(runId);
    }

    /**
     * Cancels a run: a queued one at once, a running one by flagging it; its worker sees the flag at its next
     * heartbeat (a few seconds) and stops before the next batch.
     */
    @Transactional
    public RunView cancel(AppUser user, UUID runId) {
        ProjectRef project = runAccess.require(user, runId, Role.EDITOR);
        RunStatus was = stop(runId, "stopped by user").orElseThrow(() -> ApiException.conflict("run " + runId
                + " already ended (" + jdbc.sql("SELECT lower(status) FROM runs WHERE id = ?").param(runId)
                .query(String.class).single() + ")"));
        audit.record(project.workspaceId(), user.id(), "run.cancel", "run", runId, Map.of("was", was));
        log.info("Run {} cancel requested by {} (was {})", runId, user.username(), was);
        return view(runId);
    }

    /**
     * Stops a queued or running run for {@code reason} (kept as its stop reason, e.g. "pruned"), with no access
     * check: for callers that have done their own (sweeps). Returns the status it had, or empty if it had already
     * ended. Must run inside the caller's transaction: it locks the run row.
     */
    @Transactional
    public java.util.Optional<RunStatus> stop(UUID runId, String reason) {
        RunStatus status = RunStatus.valueOf(jdbc.sql("SELECT status FROM runs WHERE id = ? FOR UPDATE").param(runId)
                .query(String.class).single());
        switch (status) {
            case QUEUED -> {
                jdbc.sql("UPDATE runs SET status = ?, cancel_requested = true, finished_at = now(), "
                        + "stop_reason = coalesce(stop_reason, ?) WHERE id = ?")
                        .params(RunStatus.CANCELLED.name(), reason, runId).update();
                metrics.append(runId, MetricKind.STATUS,
                        RunQueue.json(StatusPoint.stopped(RunStatus.CANCELLED, reason)));
            }
            case RUNNING -> jdbc.sql("UPDATE runs SET cancel_requested = true, stop_reason = coalesce(stop_reason, ?) "
                    + "WHERE id = ?").params(reason, runId).update();
            default -> {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(status);
    }

    /** A sweep trial to queue as an ordinary run; the sweep has already checked design, dataset and settings. */
    public record TrialRun(UUID sweepId, int trialNumber, UUID projectId, UUID workspaceId, UUID designVersionId,
                           DatasetRef dataset, TrainingSettings config, String queue, int priority, UUID createdBy,
                           String paramsJson, String designVariant, long paramCount) {
    }

    /**
     * Queues a sweep trial. The unique (sweep_id, trial_number) index refuses a number that is already taken, so a
     * trial can never be queued twice, even by two schedulers.
     */
    @Transactional
    public UUID queueTrial(TrialRun t) {
        UUID id = jdbc.sql("""
                INSERT INTO runs (project_id, workspace_id, design_version_id, dataset, config, queue, priority,
                                  max_attempts, created_by, sweep_id, trial_number, trial_params, trial_design,
                                  trial_param_count)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id""")
                .params(t.projectId(), t.workspaceId(), t.designVersionId(), JSON.writeValueAsString(t.dataset()),
                        JSON.writeValueAsString(t.config()), t.queue(), t.priority(), properties.maxAttempts(),
                        t.createdBy(), t.sweepId(), t.trialNumber(), t.paramsJson(), t.designVariant(),
                        t.paramCount())
                .query(UUID.class).single();
        metrics.append(id, MetricKind.STATUS, RunQueue.json(StatusPoint.of(RunStatus.QUEUED)));
        events.publishEvent(new RunQueued(id, t.queue()));
        return id;
    }

    /** Sets how many runs of a workspace may train at once (owners only). */
    @Transactional
    public int setRunLimit(AppUser user, UUID workspaceId, int limit) {
        access.requireWorkspace(user.id(), workspaceId, Role.OWNER);
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("'maxRunningRuns' must be between 1 and 1000");
        }
        jdbc.sql("UPDATE workspaces SET max_running_runs = ? WHERE id = ?").params(limit, workspaceId).update();
        audit.record(workspaceId, user.id(), "workspace.run-limit", "workspace", workspaceId,
                Map.of("maxRunningRuns", limit));
        return limit;
    }

    RunView view(UUID runId) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(runId).query(ROW).single();
    }

    private static final String SELECT = """
            SELECT r.id, r.project_id, d.id AS design_id, v.id AS version_id, v.number, d.name, r.dataset::text,
                   r.config::text, r.queue, r.status, r.priority, r.attempts, r.max_attempts, r.cancel_requested,
                   r.lease_owner, r.failure, r.final_metrics::text, u.username, r.created_at, r.started_at,
                   r.finished_at, r.last_seq, r.sweep_id, r.trial_number
            FROM runs r JOIN design_versions v ON v.id = r.design_version_id JOIN designs d ON d.id = v.design_id
            JOIN users u ON u.id = r.created_by""";

    private static final RowMapper<RunView> ROW = (rs, i) -> {
        OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        Double duration = started == null ? null : Duration.between(started,
                finished == null ? OffsetDateTime.now() : finished).toMillis() / 1000.0;
        String finals = rs.getString("final_metrics");
        return new RunView(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
                rs.getObject("design_id", UUID.class), rs.getObject("version_id", UUID.class), rs.getInt("number"),
                rs.getString("name"), tree(rs.getString("dataset")), tree(rs.getString("config")),
                rs.getString("queue"), RunStatus.valueOf(rs.getString("status")), rs.getInt("priority"),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getBoolean("cancel_requested"), rs.getString("lease_owner"),
                rs.getString("failure"), finals == null ? null : tree(finals), rs.getString("username"),
                rs.getObject("created_at", OffsetDateTime.class), started, finished, duration, rs.getLong("last_seq"),
                rs.getObject("sweep_id", UUID.class), rs.getObject("trial_number", Integer.class));
    };

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    private static String name(RunStatus status) {
        return status == null ? null : status.name();
    }
}
