package dev.netwright.backend.resources;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.train.config.TrainingConfig;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a user may ask a run (or a sweep's trials) to do: epochs, batch size, attempts, priority and queue within
 * their role, how many runs they may have at once, and whether the training fits any worker the platform knows.
 * Reads the settings through the engine's {@link TrainingConfig}, whatever request type carried them.
 */
@Component
public class RunPolicy {
    private final JdbcClient jdbc;
    private final ResourceLimits limits;
    private final WorkerCapacities workers;
    private final DesignAnalyzer analyzer = new DesignAnalyzer();

    RunPolicy(JdbcClient jdbc, ResourceLimits limits, WorkerCapacities workers) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.workers = workers;
    }

    /**
     * A design's training memory under some settings next to the largest worker the platform knows.
     *
     * @param largestWorkerBytes empty when no worker has reported yet (nothing to compare with: the run may wait)
     */
    public record MemoryCheck(MemoryEstimate estimate, OptionalLong largestWorkerBytes) {
        public boolean fits() {
            return largestWorkerBytes.isEmpty() || estimate.totalBytes() <= largestWorkerBytes.getAsLong();
        }

        /** "Training needs about 17.6 TB of memory; the largest worker has 24 GB." */
        public String summary() {
            String needs = "training needs about " + MemoryEstimate.words(estimate.totalBytes()) + " of memory";
            return largestWorkerBytes.isEmpty() ? needs + " (no worker has reported its memory yet)"
                    : needs + "; the largest worker has " + MemoryEstimate.words(largestWorkerBytes.getAsLong());
        }
    }

    public MemoryCheck memory(Design design, TrainingConfig config) {
        return memory(analyzer.analyze(design), config);
    }

    public MemoryCheck memory(Analysis analysis, TrainingConfig config) {
        return new MemoryCheck(MemoryEstimate.of(analysis, config.optimizer().kind(), config.batchSize()),
                workers.largestKnown());
    }

    /** Refuses (400) a training that no worker the platform knows could hold, saying what it needs in words and GB. */
    public MemoryCheck requireFits(Design design, TrainingConfig config) {
        return requireFits(design, config, "'design'/'config.batchSize': ");
    }

    /** As {@link #requireFits(Design, TrainingConfig)}, the message starting with {@code where}. */
    public MemoryCheck requireFits(Design design, TrainingConfig config, String where) {
        MemoryCheck check = memory(design, config);
        if (!check.fits()) {
            throw ApiException.badRequest(where + check.summary() + " ("
                    + check.estimate().breakdown() + "). Make the design smaller or lower the batch size.",
                    Map.of("neededBytes", check.estimate().totalBytes(),
                            "largestWorkerBytes", check.largestWorkerBytes().getAsLong()));
        }
        return check;
    }

    /** Epochs and batch size within the platform's caps. */
    public void checkSettings(TrainingConfig config) {
        checkSettings(config, "");
    }

    /** As {@link #checkSettings(TrainingConfig)}, the message starting with {@code where}. */
    public void checkSettings(TrainingConfig config, String where) {
        if (config.epochs() > limits.maxEpochs()) {
            throw ApiException.badRequest(where + "'config.epochs' must be at most " + limits.maxEpochs() + " (got "
                    + config.epochs() + "); this platform caps epochs per run");
        }
        if (config.batchSize() > limits.maxBatchSize()) {
            throw ApiException.badRequest(where + "'config.batchSize' must be at most " + limits.maxBatchSize()
                    + " (got " + config.batchSize() + ")");
        }
    }

    /** How often a run may be claimed: the request's value (or {@code fallback}) within 1 and the cap. */
    public int maxAttempts(Integer requested, int fallback) {
        int attempts = requested == null ? Math.min(fallback, limits.maxAttempts()) : requested;
        if (attempts < 1 || attempts > limits.maxAttempts()) {
            throw ApiException.badRequest("'maxAttempts' must be between 1 and " + limits.maxAttempts());
        }
        return attempts;
    }

    /**
     * The priority to queue with. Anyone may lower their runs' priority; raising it above others' runs is kept for
     * workspace owners (up to {@link ResourceLimits#ownerMaxPriority()}) and administrators (up to 100), because the
     * queue is shared by every team.
     */
    public int priority(AppUser user, ProjectRef project, Integer requested) {
        int priority = requested == null ? 0 : requested;
        if (priority < ResourceLimits.MIN_PRIORITY || priority > ResourceLimits.MAX_PRIORITY) {
            throw ApiException.badRequest("'priority' must be between " + ResourceLimits.MIN_PRIORITY + " and "
                    + ResourceLimits.MAX_PRIORITY + " (higher runs first)");
        }
        int allowed = user.admin() ? ResourceLimits.MAX_PRIORITY
                : project.role().atLeast(Role.OWNER) ? limits.ownerMaxPriority() : limits.editorMaxPriority();
        if (priority > allowed) {
            throw ApiException.forbidden("'priority' " + priority + " is above what your role allows (at most "
                    + allowed + " for a workspace " + project.role().name().toLowerCase(java.util.Locale.ROOT)
                    + "; owners may give up to " + limits.ownerMaxPriority() + ", administrators up to "
                    + ResourceLimits.MAX_PRIORITY + ")");
        }
        return priority;
    }

    /** The queue to use: well-formed, and a reserved queue only for the workspaces it is reserved for. */
    public String queue(AppUser user, ProjectRef project, String requested) {
        String queue = requested == null || requested.isBlank() ? "default" : requested.strip();
        if (!queue.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw ApiException.badRequest("'queue' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        List<UUID> reservedFor = limits.reservedQueues().get(queue);
        if (reservedFor != null && !user.admin() && !reservedFor.contains(project.workspaceId())) {
            throw ApiException.forbidden("'queue': queue '" + queue + "' is reserved for other workspaces; ask an "
                    + "administrator, or leave 'queue' out to use 'default'");
        }
        return queue;
    }

    /** Whether {@code userId} may have one more run queued or running. */
    public boolean hasRunSlot(UUID userId) {
        return activeRuns(userId) < limits.maxActiveRunsPerUser();
    }

    /**
     * Refuses (429) a new run or sweep when the user already has the most runs queued or running at once. Called in
     * the transaction that adds the run: it holds a lock on the user's run count until then, so that requests in
     * parallel, on this app instance or another, cannot all pass the check and overshoot the cap together.
     */
    public void requireRunSlot(AppUser user) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))").params(RUN_COUNT_LOCK_CLASS, user.id().toString())
                .query((rs, i) -> 1).list();
        long active = activeRuns(user.id());
        if (active >= limits.maxActiveRunsPerUser()) {
            throw ApiException.tooManyRequests("you have " + active + " runs queued or running, the most one user "
                    + "may have at once (" + limits.maxActiveRunsPerUser() + "); wait for some to end or cancel "
                    + "some", 30);
        }
    }

    // advisory lock class for (user): the user's runs counted and added one request at a time
    private static final int RUN_COUNT_LOCK_CLASS = 0x52554e31; // "RUN1"

    private long activeRuns(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM runs WHERE created_by = ? AND status IN ('QUEUED', 'RUNNING')")
                .param(userId).query(Long.class).single();
    }
}
