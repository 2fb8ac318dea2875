package dev.netwright.backend.run;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.resources.MemoryEstimate;
import dev.netwright.backend.resources.RunPolicy;
import dev.netwright.backend.storage.StorageQuotas;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.StatusPoint;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.worker.DatasetRef;
import dev.netwright.engine.train.config.TrainingConfig;
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
    private final RunPolicy policy;
    private final StorageQuotas quotas;

    RunService(JdbcClient jdbc, WorkspaceAccess access, RunAccess runAccess, AuditLog audit, RunMetricsStore metrics,
               JobsProperties properties, ApplicationEventPublisher events, RunInputs inputs, RunPolicy policy,
               StorageQuotas quotas) {
        this.policy = policy;
        this.quotas = quotas;
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
        TrainingConfig training = config.toConfig(dataset.regressionTask());
        policy.checkSettings(training);
        int priority = policy.priority(user, project, body.priority());
        String queue = policy.queue(user, project, body.queue());
        int maxAttempts = policy.maxAttempts(body.maxAttempts(), properties.maxAttempts());
        RunPolicy.MemoryCheck memory = policy.requireFits(inputs.design(v), training);
        policy.requireRunSlot(user);
        quotas.requireRoom(project.workspaceId(), 0, "a new run's model");
        long number = jdbc.sql("SELECT count(*) + 1 FROM runs WHERE project_id = ?").param(projectId)
                .query(Long.class).single();
        UUID id = jdbc.sql("""
                INSERT INTO runs (project_id, workspace_id, design_version_id, dataset, config, queue, priority,
                                  max_attempts, created_by, memory_bytes, name)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(projectId, project.workspaceId(), v.id(), JSON.writeValueAsString(dataset),
                        JSON.writeValueAsString(config), queue, priority, maxAttempts, user.id(),
                        memory.estimate().totalBytes(),
                        defaultName(v.designName() + " v" + v.number() + " · run " + number))
                .query(UUID.class).single();
        metrics.append(id, MetricKind.STATUS, RunQueue.json(StatusPoint.of(RunStatus.QUEUED)));
        audit.record(project.workspaceId(), user.id(), "run.create", "run", id,
                Map.of("design", body.designId().toString(), "version", v.number(), "queue", queue));
        log.info("Run {} queued in '{}' (priority {}) by {}", id, queue, priority, user.username());
        events.publishEvent(new RunQueued(id, queue));
        return view(id);
    }

    /**
     * What {@link #create} would find about the run's memory, without queueing it: the launch dialog shows it while
     * the user still edits the settings. Bad inputs are refused exactly as by {@link #create}.
     */
    public RunPolicy.MemoryCheck memoryCheck(AppUser user, UUID projectId, CreateRun body) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        if (body == null || body.designId() == null) {
            throw ApiException.badRequest("'designId' is required: the design to train");
        }
        RunInputs.TrainableVersion v = inputs.trainableVersion(projectId, body.designId(), body.version());
        DatasetRef dataset = inputs.dataset(projectId, body.dataset());
        TrainingConfig training = inputs.settings(body.config(), dataset).toConfig(dataset.regressionTask());
        return policy.memory(inputs.design(v), training);
    }

    public List<RunView> list(AppUser user, UUID projectId, RunStatus status, int limit) {
        return list(user, projectId, RunFilter.status(status), limit);
    }

    /** Up to {@code limit} (at most 500) of a project's runs that pass {@code filter}, in its order. */
    public List<RunView> list(AppUser user, UUID projectId, RunFilter filter, int limit) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        return jdbc.sql(SELECT + WHERE + order(filter) + " LIMIT ?")
                .params(filterParams(projectId, filter, Math.clamp(limit, 1, 500))).query(ROW).list();
    }

    /** A page of a project's runs, newest first, optionally only those in one state. */
    public Page<RunView> list(AppUser user, UUID projectId, RunStatus status, PageRequest page) {
        return list(user, projectId, RunFilter.status(status), page);
    }

    /** A page of a project's runs that pass {@code filter}, in its order. */
    public Page<RunView> list(AppUser user, UUID projectId, RunFilter filter, PageRequest page) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        List<RunView> items = jdbc.sql(SELECT + WHERE + order(filter) + " LIMIT ? OFFSET ?")
                .params(filterParams(projectId, filter, page.size(), page.offset())).query(ROW).list();
        long total = jdbc.sql("SELECT count(*) FROM runs r JOIN design_versions v ON v.id = r.design_version_id"
                        + WHERE).params(filterParams(projectId, filter)).query(Long.class).single();
        return Page.of(items, total, page);
    }

    /** The tags used on a project's runs, for the lists' tag filter, most used first. */
    public List<String> tags(AppUser user, UUID projectId) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        return jdbc.sql("SELECT t FROM runs, unnest(tags) t WHERE project_id = ? GROUP BY t ORDER BY count(*) DESC, t")
                .param(projectId).query(String.class).list();
    }

    /** Renames or re-tags a run (editors and owners); fields left null stay as they are. */
    @Transactional
    public RunView update(AppUser user, UUID runId, RunUpdate body) {
        ProjectRef project = runAccess.require(user, runId, Role.EDITOR);
        if (body == null || body.name() == null && body.tags() == null) {
            throw ApiException.badRequest("send 'name' and/or 'tags' to change; nothing was given");
        }
        String name = body.name() == null ? null : RunLabels.name(body.name());
        List<String> tags = body.tags() == null ? null : RunLabels.tags(body.tags());
        jdbc.sql("UPDATE runs SET name = coalesce(?, name), tags = coalesce(?::text[], tags) WHERE id = ?")
                .params(name, tags == null ? null : tags.toArray(String[]::new), runId).update();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (name != null) {
            details.put("name", name);
        }
        if (tags != null) {
            details.put("tags", tags);
        }
        audit.record(project.workspaceId(), user.id(), "run.update", "run", runId, details);
        return view(runId);
    }

    private static final String WHERE = " " + """
             WHERE r.project_id = ? AND (?::text IS NULL OR r.status = ?::text)
               AND (?::text IS NULL OR strpos(lower(r.name), lower(?::text)) > 0)
               AND (?::text IS NULL OR ?::text = ANY (r.tags))
               AND (?::uuid IS NULL OR v.design_id = ?::uuid)""";

    private static String order(RunFilter filter) {
        return " ORDER BY " + filter.sort().orderBy + ", r.created_at DESC, r.id";
    }

    private static Object[] filterParams(UUID projectId, RunFilter f, Object... more) {
        List<Object> p = new java.util.ArrayList<>(List.of(projectId));
        p.add(name(f.status()));
        p.add(name(f.status()));
        p.add(f.name());
        p.add(f.name());
        p.add(f.tag());
        p.add(f.tag());
        p.add(f.designId());
        p.add(f.designId());
        p.addAll(List.of(more));
        return p.toArray();
    }

    private static String defaultName(String name) {
        return name.length() <= RunLabels.MAX_NAME ? name : name.substring(0, RunLabels.MAX_NAME);
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
                           String paramsJson, String designVariant, long paramCount, long memoryBytes) {
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
                                  trial_param_count, memory_bytes, name)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?,
                        left((SELECT name FROM sweeps WHERE id = ?) || ' · trial ' || ?, ?)) RETURNING id""")
                .params(t.projectId(), t.workspaceId(), t.designVersionId(), JSON.writeValueAsString(t.dataset()),
                        JSON.writeValueAsString(t.config()), t.queue(), t.priority(), properties.maxAttempts(),
                        t.createdBy(), t.sweepId(), t.trialNumber(), t.paramsJson(), t.designVariant(),
                        t.paramCount(), t.memoryBytes(), t.sweepId(), t.trialNumber(), RunLabels.MAX_NAME)
                .query(UUID.class).single();
        metrics.append(id, MetricKind.STATUS, RunQueue.json(StatusPoint.of(RunStatus.QUEUED)));
        events.publishEvent(new RunQueued(id, t.queue()));
        return id;
    }

    /**
     * Fails a run that is still queued, with {@code failure} as its reason (a sweep trial no worker could hold).
     * Returns false when it had already left the queue.
     */
    @Transactional
    public boolean failQueued(UUID runId, String failure) {
        int n = jdbc.sql("UPDATE runs SET status = 'FAILED', failure = ?, finished_at = now() "
                + "WHERE id = ? AND status = 'QUEUED'").params(failure, runId).update();
        if (n == 1) {
            metrics.append(runId, MetricKind.STATUS, RunQueue.json(StatusPoint.ended(RunStatus.FAILED, failure)));
        }
        return n == 1;
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

    /**
     * A queued run also reads the live workers of its queue (those that polled or heartbeated within
     * {@link #LIVE_SECONDS}) and whether its workspace trains as many runs as it may, to say why it waits.
     */
    private static final int LIVE_SECONDS = 60;

    private static final String SELECT = """
            SELECT r.id, r.name AS run_name, r.tags, r.project_id, d.id AS design_id, v.id AS version_id, v.number,
                   d.name, r.dataset::text,
                   r.config::text, r.queue, r.status, r.priority, r.attempts, r.max_attempts, r.cancel_requested,
                   r.lease_owner, r.failure, r.final_metrics::text, u.username, r.created_at, r.started_at,
                   r.finished_at, r.last_seq, r.sweep_id, r.trial_number, r.memory_bytes, q.live_workers,
                   q.largest_live, q.workspace_full, sw.name AS sweep_name, ds.original_name AS upload_name,
                   ds.kind AS upload_kind, coalesce(ds.summary ->> 'rows', ds.summary ->> 'images') AS upload_count
            FROM runs r JOIN design_versions v ON v.id = r.design_version_id JOIN designs d ON d.id = v.design_id
            JOIN users u ON u.id = r.created_by
            LEFT JOIN sweeps sw ON sw.id = r.sweep_id
            LEFT JOIN datasets ds ON ds.id = (r.dataset ->> 'datasetId')::uuid
            LEFT JOIN LATERAL (
                SELECT count(c.owner) AS live_workers, max(c.training_memory_bytes) AS largest_live,
                       (SELECT count(*) FROM runs x WHERE x.workspace_id = r.workspace_id AND x.status = 'RUNNING')
                           >= (SELECT max_running_runs FROM workspaces w WHERE w.id = r.workspace_id) AS workspace_full
                FROM worker_capacity c
                WHERE c.seen_at > now() - interval '%d seconds' AND r.queue = ANY (c.queues)
            ) q ON r.status = 'QUEUED'""".formatted(LIVE_SECONDS);

    private static final RowMapper<RunView> ROW = (rs, i) -> {
        OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        Double duration = started == null ? null : Duration.between(started,
                finished == null ? OffsetDateTime.now() : finished).toMillis() / 1000.0;
        String finals = rs.getString("final_metrics");
        JsonNode dataset = tree(rs.getString("dataset"));
        String count = rs.getString("upload_count");
        String summary = new DatasetDescription(rs.getString("upload_name"), rs.getString("upload_kind"),
                count == null ? null : Long.valueOf(count)).describe(dataset);
        return new RunView(rs.getObject("id", UUID.class), rs.getString("run_name"),
                List.of((String[]) rs.getArray("tags").getArray()), rs.getObject("project_id", UUID.class),
                rs.getObject("design_id", UUID.class), rs.getObject("version_id", UUID.class), rs.getInt("number"),
                rs.getString("name"), dataset, summary, tree(rs.getString("config")),
                rs.getString("queue"), RunStatus.valueOf(rs.getString("status")), rs.getInt("priority"),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getBoolean("cancel_requested"), rs.getString("lease_owner"),
                rs.getString("failure"), finals == null ? null : tree(finals), rs.getString("username"),
                rs.getObject("created_at", OffsetDateTime.class), started, finished, duration, rs.getLong("last_seq"),
                rs.getObject("sweep_id", UUID.class), rs.getString("sweep_name"),
                rs.getObject("trial_number", Integer.class),
                rs.getObject("memory_bytes", Long.class), waitingReason(rs));
    };

    /** Why a queued run is not training yet, in words; null when nothing holds it back but a free worker. */
    private static String waitingReason(java.sql.ResultSet rs) throws java.sql.SQLException {
        if (RunStatus.valueOf(rs.getString("status")) != RunStatus.QUEUED) {
            return null;
        }
        String queue = rs.getString("queue");
        long live = rs.getLong("live_workers");
        Long largest = rs.getObject("largest_live", Long.class);
        Long memory = rs.getObject("memory_bytes", Long.class);
        if (live == 0) {
            return "no live worker serves queue '" + queue + "'; the run starts when one polls for work";
        }
        if (memory != null && largest != null && memory > largest) {
            return "training needs about " + MemoryEstimate.words(memory) + " of memory; the largest live worker "
                    + "serving queue '" + queue + "' has " + MemoryEstimate.words(largest)
                    + " free now; the run waits for a worker with enough memory";
        }
        if (rs.getBoolean("workspace_full")) {
            return "the workspace already trains as many runs at once as its limit allows; the run starts when "
                    + "one of them ends";
        }
        return null;
    }

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    private static String name(RunStatus status) {
        return status == null ? null : status.name();
    }
}
