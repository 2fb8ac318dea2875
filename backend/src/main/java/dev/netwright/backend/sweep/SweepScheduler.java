package dev.netwright.backend.sweep;

import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.resources.RunPolicy;
import dev.netwright.backend.run.RunService;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.search.Pruner;
import dev.netwright.engine.search.Sampler;
import dev.netwright.engine.search.SweepSpec;
import dev.netwright.engine.search.Trial;
import dev.netwright.engine.train.config.TrainingConfig;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives every running sweep: on each pass it locks the sweep row, prunes running trials from their reported
 * epochs, asks the engine's sampler for new trials (with every earlier trial as history) and queues each as an
 * ordinary run, up to the sweep's concurrency and budget, and ends the sweep when nothing is left to do.
 *
 * <p>It keeps no state between passes: everything is read from PostgreSQL, so after a restart (or on another app
 * instance) the next pass continues where the last one stopped. The row lock ({@code FOR UPDATE SKIP LOCKED})
 * makes passes on one sweep take turns across instances, and the unique (sweep, trial number) index refuses a
 * trial number twice should anything still race.
 */
@Component
public class SweepScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SweepScheduler.class);

    private final SweepStore store;
    private final RunService runs;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final long tickMillis;
    private final RunPolicy policy;
    private ScheduledExecutorService executor;

    SweepScheduler(SweepStore store, RunService runs, AuditLog audit, JdbcClient jdbc, TransactionTemplate tx,
                   @Value("${netwright.sweeps.tick-millis:1000}") long tickMillis, RunPolicy policy) {
        this.policy = policy;
        this.store = store;
        this.runs = runs;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.tickMillis = Math.max(50, tickMillis);
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("sweep-scheduler").unstarted(r));
        executor.scheduleWithFixedDelay(this::tickSafely, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        log.info("Sweep scheduler started (a pass every {} ms); {} sweep(s) to continue", tickMillis,
                store.activeIds().size());
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
            log.info("Sweep scheduler stopped");
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // the next pass retries; a database hiccup must not end the scheduler thread
            log.warn("Sweep scheduler pass failed: {}", e.toString());
        }
    }

    /** One pass over every sweep that still needs work. */
    public void tick() {
        for (UUID id : store.activeIds()) {
            try {
                advance(id);
            } catch (RuntimeException e) {
                log.warn("Sweep {}: pass failed, retried on the next one", id, e);
            }
        }
    }

    /** One pass over one sweep; false when it is done or another instance is working on it. */
    boolean advance(UUID sweepId) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            Optional<SweepDefinition> locked = store.lockActive(sweepId);
            if (locked.isEmpty()) {
                return false;
            }
            SweepDefinition sweep = locked.get();
            SweepSpec spec = sweep.spec();
            List<TrialRecord> trials = store.trials(sweep);
            prune(sweep, spec.prunerInstance(), trials);
            if (sweep.state() == SweepState.STOPPING) {
                if (trials.stream().noneMatch(TrialRecord::active)) {
                    end(sweep, SweepState.STOPPED, "stopped by a user");
                }
                return true;
            }
            launchAndMaybeComplete(sweep, spec.sampler(), trials);
            return true;
        }));
    }

    private void prune(SweepDefinition sweep, Pruner pruner, List<TrialRecord> trials) {
        if (pruner == Pruner.NONE) {
            return;
        }
        List<Trial> all = trials.stream().map(t -> t.toTrial(sweep.objective(), sweep.direction())).toList();
        for (TrialRecord t : trials) {
            int reported = t.intermediate().size();
            if (t.runStatus() != RunStatus.RUNNING || t.cancelRequested() || reported <= t.pruningStep()) {
                continue;
            }
            Trial now = new Trial(t.number(), t.params(), Trial.State.RUNNING, java.util.OptionalDouble.empty(),
                    t.intermediate());
            List<Trial> others = all.stream().filter(o -> o.number() != t.number()).toList();
            // each newly reported epoch is judged once, when it arrives, as the engine's driver does
            for (int step = t.pruningStep() + 1; step <= reported; step++) {
                boolean last = t.totalEpochs() != null && step >= t.totalEpochs();
                if (!last && pruner.shouldPrune(now, step, others)) {
                    runs.stop(t.runId(), TrialRecord.PRUNED_REASON);
                    audit.record(sweep.workspaceId(), null, "sweep.trial.prune", "run", t.runId(),
                            Map.of("sweep", sweep.id().toString(), "trial", t.number(), "epoch", step,
                                    "value", t.intermediate().get(step - 1)));
                    log.info("Sweep {}: trial {} pruned at epoch {} ({} {})", sweep.id(), t.number(), step,
                            sweep.objective().id, t.intermediate().get(step - 1));
                    break;
                }
            }
            jdbc.sql("UPDATE runs SET pruning_step = ? WHERE id = ?").params(reported, t.runId()).update();
        }
    }

    private void launchAndMaybeComplete(SweepDefinition sweep, Sampler sampler, List<TrialRecord> trials) {
        List<Trial> history = new ArrayList<>(trials.stream()
                .map(t -> t.toTrial(sweep.objective(), sweep.direction())).toList());
        int active = (int) trials.stream().filter(TrialRecord::active).count();
        boolean timeUp = sweep.deadline().map(d -> OffsetDateTime.now().isAfter(d)).orElse(false);
        if (timeUp) {
            // trials that have not started yet would run past the budget: they are dropped, running ones finish
            for (TrialRecord t : trials) {
                if (t.runStatus() == RunStatus.QUEUED && runs.stop(t.runId(), "time budget spent").isPresent()) {
                    active--;
                    log.info("Sweep {}: trial {} dropped before it started, the time budget is spent", sweep.id(),
                            t.number());
                }
            }
        }
        boolean exhausted = false;
        Design design = null;
        // a creator at the cap of runs per user holds the sweep back until some of their runs end
        while (!timeUp && history.size() < sweep.maxTrials() && active < sweep.maxConcurrent()
                && policy.hasRunSlot(sweep.createdBy())) {
            Optional<Map<String, Object>> next = sampler.next(List.copyOf(history));
            if (next.isEmpty()) {
                exhausted = true;
                break;
            }
            if (design == null) {
                design = store.design(sweep.designVersionId());
            }
            int number = history.size();
            Map<String, Object> params = next.get();
            TrialSettings.Applied applied;
            try {
                applied = TrialSettings.apply(design, sweep.baseConfig(), sweep.dataset().regressionTask(), params);
            } catch (RuntimeException e) {
                // checked at creation, so this is a defect, not bad input: stop rather than retry forever
                log.error("Sweep {}: trial {} parameters {} cannot be applied", sweep.id(), number, params, e);
                end(sweep, SweepState.STOPPED, "trial " + number + " could not be prepared: " + e.getMessage());
                return;
            }
            Design trialDesign = applied.variant().orElse(design);
            Analysis analysis = new DesignAnalyzer().analyze(trialDesign);
            long paramCount = analysis.totals().totalParams();
            TrainingConfig training = applied.settings().toConfig(sweep.dataset().regressionTask());
            RunPolicy.MemoryCheck memory = policy.memory(analysis, training);
            UUID runId = runs.queueTrial(new RunService.TrialRun(sweep.id(), number, sweep.projectId(),
                    sweep.workspaceId(), sweep.designVersionId(), sweep.dataset(), applied.settings(), sweep.queue(),
                    sweep.priority(), sweep.createdBy(), SweepStore.JSON.writeValueAsString(params),
                    applied.variant().map(d -> new DesignJson().write(d)).orElse(null), paramCount,
                    memory.estimate().totalBytes()));
            if (!memory.fits()) {
                // the trial is recorded (the sampler learns from it) but fails at once instead of waiting forever
                runs.failQueued(runId, "too large for every worker: " + memory.summary() + " ("
                        + memory.estimate().breakdown() + ")");
                log.info("Sweep {}: trial {} ({}) is larger than any worker: {}", sweep.id(), number, params,
                        memory.summary());
            }
            log.info("Sweep {}: trial {} queued as run {} with {}", sweep.id(), number, runId, params);
            history.add(new Trial(number, params, Trial.State.RUNNING, java.util.OptionalDouble.empty(), List.of()));
            active++;
        }
        if (active > 0) {
            return;
        }
        if (timeUp) {
            end(sweep, SweepState.COMPLETED, "time budget spent (" + sweep.maxMinutes() + " min)");
        } else if (exhausted) {
            end(sweep, SweepState.COMPLETED, "every grid point tried");
        } else if (history.size() >= sweep.maxTrials()) {
            end(sweep, SweepState.COMPLETED, "trial budget spent (" + sweep.maxTrials() + " trials)");
        }
    }

    private void end(SweepDefinition sweep, SweepState state, String reason) {
        String word = state.name().toLowerCase(java.util.Locale.ROOT);
        jdbc.sql("UPDATE sweeps SET state = ?, state_reason = ?, finished_at = now() WHERE id = ?")
                .params(state.name(), reason, sweep.id()).update();
        audit.record(sweep.workspaceId(), null, "sweep." + word, "sweep", sweep.id(), Map.of("reason", reason));
        log.info("Sweep {} {}: {}", sweep.id(), word, reason);
    }
}
