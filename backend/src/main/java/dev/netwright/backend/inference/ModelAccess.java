package dev.netwright.backend.inference;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.security.AppUser;
import dev.netwright.engine.api.RunStatus;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a prediction checks before it runs, in one query: that the caller is a member of the run's workspace (any
 * role; everyone else gets 404, as from {@code RunAccess}), the run's status and the checksum of its recorded model.
 * A prediction on a cached model needs nothing else from the database; the separate checks were four queries.
 */
@Component
class ModelAccess {
    private final JdbcClient jdbc;

    ModelAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run the caller may predict with: its status, and its model's checksum when an artifact is recorded. */
    record Checked(RunStatus status, Optional<String> sha256) {
    }

    Checked require(AppUser user, UUID runId) {
        return jdbc.sql("""
                SELECT r.status, a.sha256 FROM runs r
                JOIN projects p ON p.id = r.project_id AND p.deleted_at IS NULL
                JOIN workspace_members m ON m.workspace_id = p.workspace_id AND m.user_id = ?
                LEFT JOIN artifacts a ON a.run_id = r.id
                WHERE r.id = ?""").params(user.id(), runId)
                .query((rs, i) -> new Checked(RunStatus.valueOf(rs.getString(1)), Optional.ofNullable(rs.getString(2))))
                .optional().orElseThrow(() -> ApiException.notFound("run " + runId));
    }
}
