package dev.netwright.backend.sweep;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.design.DesignViews;
import dev.netwright.backend.resources.RunPolicy;
import dev.netwright.backend.storage.StorageQuotas;
import dev.netwright.backend.run.RunInputs;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.search.SweepSpec;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.worker.DatasetRef;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Sweeps on behalf of users: launch, list, detail with trials, stop a trial or the whole sweep, extend the budget,
 * promote the best trial. The trials themselves are proposed and queued by {@link SweepScheduler}.
 */
@Service
public class SweepService {
    private static final Logger log = LoggerFactory.getLogger(SweepService.class);
    private static final int MAX_TRIALS = 10_000;
    private static final int MAX_CONCURRENT = 64;

    /**
     * What a client sends to launch a sweep. {@code version} null means the design's latest version;
     * {@code parameters} is the search space in the engine's form ({@code {"learningRate": {"logUniform": [1e-4,
     * 0.1]}, "hidden.units": {"choice": [16, 32]}}}).
     */
    public record CreateSweep(String name, UUID designId, Integer version, DatasetRef dataset, TrainingSettings config,
                              Map<String, Object> parameters, String method, Long seed, Integer gridPoints,
                              String objective, String direction, String secondObjective, String pruner,
                              Integer maxTrials, Double maxMinutes, Integer maxConcurrent, String queue,
                              Integer priority) {
    }

    /** More budget for a sweep: extra trials and/or extra minutes. */
    public record Extend(Integer addTrials, Double addMinutes) {
    }

    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final AuditLog audit;
    private final RunService runs;
    private final DesignService designs;
    private final SweepStore store;
    private final SweepViews views;
    private final RunInputs inputs;
    private final RunPolicy policy;
    private final StorageQuotas quotas;
    private final TransactionTemplate tx;

    SweepService(JdbcClient jdbc, WorkspaceAccess access, AuditLog audit, RunService runs, DesignService designs,
                 SweepStore store, SweepViews views, RunInputs inputs, RunPolicy policy, StorageQuotas quotas,
                 TransactionTemplate tx) {
        this.tx = tx;
        this.policy = policy;
        this.quotas = quotas;
        this.views = views;
        this.inputs = inputs;
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.runs = runs;
        this.designs = designs;
        this.store = store;
    }

    @Transactional
    public SweepView create(AppUser user, UUID projectId, CreateSweep body) {
        ProjectRef project = access.requireProject(user.id(), projectId, Role.EDITOR);
        if (body == null || body.designId() == null) {
            throw ApiException.badRequest("'designId' is required: the design whose hyperparameters to search");
        }
        RunInputs.TrainableVersion v = inputs.trainableVersion(projectId, body.designId(), body.version());
        DatasetRef dataset = inputs.dataset(projectId, body.dataset());
        TrainingSettings config = inputs.settings(body.config(), dataset);
        String objectiveId = body.objective() == null ? (dataset.regressionTask() ? "val_loss" : "val_accuracy")
                : body.objective().strip().toLowerCase(Locale.ROOT);
        Objective objective;
        try {
            objective = Objective.parse(objectiveId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'objective': " + e.getMessage());
        }
        if (!objective.fits(dataset.regressionTask())) {
            throw ApiException.badRequest("'objective': " + objectiveId + " does not exist for a "
                    + (dataset.regressionTask() ? "regression" : "classification") + " dataset");
        }
        if (objective.id.startsWith("val_") && config.validationFraction() == 0) {
            throw ApiException.badRequest("'objective': " + objective.id + " needs a validation split, but "
                    + "'config.validationFraction' is 0");
        }
        if (body.secondObjective() != null && !body.secondObjective().equals("parameters")) {
            throw ApiException.badRequest("'secondObjective': only \"parameters\" (the trial's parameter count, "
                    + "minimised) is supported");
        }
        int maxTrials = body.maxTrials() == null ? 20 : body.maxTrials();
        if (maxTrials < 1 || maxTrials > MAX_TRIALS) {
            throw ApiException.badRequest("'maxTrials' must be between 1 and " + MAX_TRIALS);
        }
        double maxMinutes = body.maxMinutes() == null ? 0 : body.maxMinutes();
        if (!(maxMinutes >= 0) || maxMinutes > 60 * 24 * 30) {
            throw ApiException.badRequest("'maxMinutes' must be 0 (no limit) or a positive number of minutes up to "
                    + "30 days");
        }
        int maxConcurrent = body.maxConcurrent() == null ? 2 : body.maxConcurrent();
        if (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT) {
            throw ApiException.badRequest("'maxConcurrent' must be between 1 and " + MAX_CONCURRENT);
        }
        String queue = policy.queue(user, project, body.queue());
        int priority = policy.priority(user, project, body.priority());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("parameters", body.parameters());
        spec.put("method", body.method() == null ? "tpe" : body.method().strip().toLowerCase(Locale.ROOT));
        spec.put("objective", objective.id);
        if (body.direction() != null) {
            spec.put("direction", body.direction());
        }
        spec.put("pruner", body.pruner() == null ? "none" : body.pruner().strip().toLowerCase(Locale.ROOT));
        spec.put("maxTrials", maxTrials);
        spec.put("maxMinutes", maxMinutes);
        spec.put("seed", body.seed() == null ? 1L : body.seed());
        spec.put("gridPoints", body.gridPoints() == null ? 3 : body.gridPoints());
        SweepSpec parsed;
        Design design = SweepStore.parse(v.content());
        // the base settings must fit; each trial is checked again as it is queued (it may vary units or batch size)
        TrainingConfig training = config.toConfig(dataset.regressionTask());
        policy.checkSettings(training);
        policy.requireFits(design, training);
        policy.requireRunSlot(user);
        quotas.requireRoom(project.workspaceId(), 0, "a new run's model");
        try {
            parsed = SweepSpec.fromMap(spec);
            parsed.sampler(); // a grid with too few points fails here
            // every probed value must also be within the caps and fit a worker (each trial is checked again)
            TrialSettings.check(parsed.space(), design, config, dataset.regressionTask(), (what, applied) -> {
                TrainingConfig probe = applied.settings().toConfig(dataset.regressionTask());
                policy.checkSettings(probe, "'parameters': " + what + ": ");
                policy.requireFits(applied.variant().orElse(design), probe, "'parameters': " + what + ": ");
            });
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'parameters': " + e.getMessage());
        }
        String name = body.name() == null || body.name().isBlank()
                ? v.designName() + " v" + v.number() + " " + parsed.method() : body.name().strip();
        if (name.length() > 200) {
            throw ApiException.badRequest("'name' must be at most 200 characters");
        }
        UUID id = jdbc.sql("""
                INSERT INTO sweeps (project_id, workspace_id, name, design_version_id, dataset, base_config,
                                    search_space, method, seed, grid_points, objective, direction, second_objective,
                                    max_trials, max_minutes, max_concurrent, pruner, queue, priority, created_by)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""")
                .params(projectId, project.workspaceId(), name, v.id(), SweepStore.JSON.writeValueAsString(dataset),
                        SweepStore.JSON.writeValueAsString(config),
                        SweepStore.JSON.writeValueAsString(body.parameters()), parsed.method(), parsed.seed(),
                        parsed.gridPoints(), objective.id, parsed.direction().name(), body.secondObjective(),
                        maxTrials, maxMinutes, maxConcurrent, parsed.pruner(), queue, priority, user.id())
                .query(UUID.class).single();
        audit.record(project.workspaceId(), user.id(), "sweep.create", "sweep", id,
                Map.of("design", body.designId().toString(), "version", v.number(), "method", parsed.method(),
                        "maxTrials", maxTrials, "parameters", List.copyOf(body.parameters().keySet())));
        log.info("Sweep {} '{}' created by {}: {} over {} ({} trials, {} at a time, pruner {})", id, name,
                user.username(), parsed.method(), parsed.space().names(), maxTrials, maxConcurrent, parsed.pruner());
        return views.view(id, true);
    }

    /**
     * The memory check {@link #create} makes on the base design and settings, without launching: the launch dialog
     * shows it while the user edits (each trial is checked again when it is queued).
     */
    public RunPolicy.MemoryCheck memoryCheck(AppUser user, UUID projectId, UUID designId, DatasetRef dataset,
                                             TrainingSettings config) {
        return runs.memoryCheck(user, projectId, new RunService.CreateRun(designId, null, dataset, config, null, null,
                null));
    }

    public List<SweepView> list(AppUser user, UUID projectId) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        return jdbc.sql("SELECT id FROM sweeps WHERE project_id = ? ORDER BY created_at DESC LIMIT 500")
                .param(projectId).query(UUID.class).list().stream().map(id -> views.view(id, false)).toList();
    }

    public SweepView get(AppUser user, UUID sweepId) {
        require(user, sweepId, Role.VIEWER);
        return views.view(sweepId, true);
    }

    /** Where a sweep lives, for callers (e.g. the UI) that link back to its project. */
    public ProjectRef project(AppUser user, UUID sweepId) {
        return require(user, sweepId, Role.VIEWER);
    }

    /**
     * Stops the sweep: no new trials, queued ones cancelled, running ones asked to stop (their workers see it at
     * the next heartbeat). The sweep reads STOPPING until the last trial has ended, then STOPPED.
     *
     * <p>Stopping locks the sweep, then each queued or running trial's run in turn; a worker claiming one of those
     * runs at that moment can close a cycle with it, and PostgreSQL then aborts one of the two (seen in a browser
     * test: the user's stop failed and the sweep ran on). The stop is tried again then, up to three times in all:
     * the worker's transaction has gone through by the time the next attempt waits for its locks.
     */
    public SweepView stop(AppUser user, UUID sweepId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(s -> stopOnce(user, sweepId));
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
                log.info("Sweep {} stop lost a lock race (attempt {}: {}); trying again", sweepId, attempt,
                        e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private SweepView stopOnce(AppUser user, UUID sweepId) {
        ProjectRef project = require(user, sweepId, Role.EDITOR);
        SweepDefinition sweep = store.lock(sweepId);
        if (sweep.state() != SweepState.RUNNING) {
            throw ApiException.conflict("sweep " + sweepId + " is already "
                    + sweep.state().name().toLowerCase(Locale.ROOT));
        }
        jdbc.sql("UPDATE sweeps SET state = ?, state_reason = 'stopped by a user' WHERE id = ?")
                .params(SweepState.STOPPING.name(), sweepId).update();
        int stopped = 0;
        for (UUID run : jdbc.sql("SELECT id FROM runs WHERE sweep_id = ? AND status IN (?, ?) ORDER BY trial_number")
                .params(sweepId, RunStatus.QUEUED.name(), RunStatus.RUNNING.name()).query(UUID.class).list()) {
            stopped += runs.stop(run, "sweep stopped").isPresent() ? 1 : 0;
        }
        audit.record(project.workspaceId(), user.id(), "sweep.stop", "sweep", sweepId, Map.of("trials", stopped));
        log.info("Sweep {} stop requested by {} ({} trial(s) stopping)", sweepId, user.username(), stopped);
        return views.view(sweepId, true);
    }

    /** Adds trials and/or minutes; a completed sweep runs again with the new budget. */
    @Transactional
    public SweepView extend(AppUser user, UUID sweepId, Extend body) {
        ProjectRef project = require(user, sweepId, Role.EDITOR);
        int addTrials = body == null || body.addTrials() == null ? 0 : body.addTrials();
        double addMinutes = body == null || body.addMinutes() == null ? 0 : body.addMinutes();
        if (addTrials < 0 || addTrials > MAX_TRIALS || !(addMinutes >= 0) || addMinutes > 60 * 24 * 30) {
            throw ApiException.badRequest("'addTrials' must be 0 to " + MAX_TRIALS + " and 'addMinutes' 0 or more "
                    + "(up to 30 days)");
        }
        if (addTrials == 0 && addMinutes == 0) {
            throw ApiException.badRequest("give 'addTrials' and/or 'addMinutes' (more than 0)");
        }
        SweepDefinition sweep = store.lock(sweepId);
        if (sweep.state() != SweepState.RUNNING && sweep.state() != SweepState.COMPLETED) {
            throw ApiException.conflict("sweep " + sweepId + " is "
                    + sweep.state().name().toLowerCase(Locale.ROOT)
                    + "; only a running or completed sweep can be extended");
        }
        if (sweep.maxTrials() + addTrials > MAX_TRIALS) {
            throw ApiException.badRequest("'addTrials': a sweep has at most " + MAX_TRIALS + " trials");
        }
        double minutes = sweep.maxMinutes();
        if (addMinutes > 0) {
            double elapsed = Duration.between(sweep.createdAt(), OffsetDateTime.now()).toMillis() / 60_000.0;
            // a time budget already spent restarts from now; otherwise the extra time is added to it
            minutes = minutes > 0 && minutes < elapsed ? elapsed + addMinutes : minutes + addMinutes;
        }
        jdbc.sql("""
                UPDATE sweeps SET max_trials = ?, max_minutes = ?, state = ?, state_reason = NULL,
                                  finished_at = NULL WHERE id = ?""")
                .params(sweep.maxTrials() + addTrials, minutes, SweepState.RUNNING.name(), sweepId).update();
        audit.record(project.workspaceId(), user.id(), "sweep.extend", "sweep", sweepId,
                Map.of("addTrials", addTrials, "addMinutes", addMinutes, "was", sweep.state()));
        log.info("Sweep {} extended by {}: +{} trials, +{} min (was {})", sweepId, user.username(), addTrials,
                addMinutes, sweep.state());
        return views.view(sweepId, true);
    }

    /** Stops one trial; the sweep goes on (and proposes a replacement while it has budget). */
    @Transactional
    public SweepView stopTrial(AppUser user, UUID sweepId, int number) {
        ProjectRef project = require(user, sweepId, Role.EDITOR);
        UUID run = jdbc.sql("SELECT id FROM runs WHERE sweep_id = ? AND trial_number = ?").params(sweepId, number)
                .query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("trial " + number + " of sweep " + sweepId));
        RunStatus was = runs.stop(run, "stopped by user")
                .orElseThrow(() -> ApiException.conflict("trial " + number + " already ended"));
        audit.record(project.workspaceId(), user.id(), "sweep.trial.stop", "run", run,
                Map.of("sweep", sweepId.toString(), "trial", number, "was", was));
        log.info("Sweep {}: trial {} stop requested by {} (was {})", sweepId, number, user.username(), was);
        return views.view(sweepId, true);
    }

    /**
     * Saves the best completed trial's design (its layer parameters applied) as a new version of the sweep's
     * design and answers with the training settings it won with, ready for a run.
     */
    @Transactional
    public SweepView.Promoted promote(AppUser user, UUID sweepId) {
        ProjectRef project = require(user, sweepId, Role.EDITOR);
        SweepDefinition sweep = store.find(sweepId).orElseThrow();
        List<TrialRecord> trials = store.trials(sweep);
        TrialRecord best = SweepViews.best(sweep, trials).orElseThrow(() -> ApiException.conflict("sweep " + sweepId
                + " has no completed trial with a value for " + sweep.objective().id + " yet"));
        double value = best.objective(sweep.objective(), sweep.direction()).getAsDouble();
        UUID designId = jdbc.sql("SELECT design_id FROM design_versions WHERE id = ?").param(sweep.designVersionId())
                .query(UUID.class).single();
        int latest = jdbc.sql("SELECT latest_version FROM designs WHERE id = ? AND deleted_at IS NULL")
                .param(designId).query(Integer.class).optional()
                .orElseThrow(() -> ApiException.conflict("the sweep's design was deleted; nothing to promote into"));
        DesignViews.Saved saved = designs.save(user, designId, latest, store.trialDesign(best.runId()),
                String.format(Locale.ROOT, "best trial %d of sweep '%s' (%s %.4f): %s", best.number(), sweep.name(),
                        sweep.objective().id, value, best.params()));
        JsonNode config = jdbc.sql("SELECT config::text FROM runs WHERE id = ?").param(best.runId())
                .query(String.class).optional().map(SweepStore.JSON::readTree).orElseThrow();
        audit.record(project.workspaceId(), user.id(), "sweep.promote", "sweep", sweepId,
                Map.of("trial", best.number(), "design", designId.toString(), "version", saved.version().number()));
        log.info("Sweep {}: trial {} promoted by {} to version {} of design {}", sweepId, best.number(),
                user.username(), saved.version().number(), designId);
        return new SweepView.Promoted(designId, saved.version().number(), best.number(), best.runId(), value,
                best.params(), config);
    }


    private ProjectRef require(AppUser user, UUID sweepId, Role min) {
        UUID project = jdbc.sql("SELECT project_id FROM sweeps WHERE id = ?").param(sweepId).query(UUID.class)
                .optional().orElseThrow(() -> ApiException.notFound("sweep " + sweepId));
        try {
            return access.requireProject(user.id(), project, min);
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw ApiException.notFound("sweep " + sweepId); // do not reveal the project either
            }
            throw e;
        }
    }

}
