package dev.netwright.backend.inference;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.db.DatabaseNotifications;
import dev.netwright.backend.db.NotifiedCache;
import dev.netwright.backend.security.AppUser;
import dev.netwright.engine.api.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a prediction checks before it runs, in one query: that the caller is a member of the run's workspace (any
 * role; everyone else gets 404, as from {@code RunAccess}), the run's status and the checksum of its recorded model.
 * A prediction on a cached model needs nothing else from the database; the separate checks were four queries. A
 * model's description takes the same check with the run's project and design in the same query.
 *
 * <p>What {@link #require} found is kept for a few seconds ({@link NotifiedCache}): single predictions then need no
 * query at all. Whatever can change the answer (a membership ending, the project deleted, the run's status or model
 * changing) is announced by the database at once (migration V41), so access ends as promptly as before.
 */
@Component
class ModelAccess {
    /** Where the database announces changes to who may predict with which run (migration V41). */
    static final String CHANGES = "model_access_changes";
    /** How long a check is used without asking the database again. */
    static final Duration KEPT_FOR = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final NotifiedCache<Key, Kept> recent;

    private record Key(UUID userId, UUID runId) {
    }

    /** A check that passed: the run's project too, so that an announcement about the project finds it. */
    private record Kept(Key key, UUID projectId, Checked checked) {
    }

    ModelAccess(JdbcClient jdbc, DatabaseNotifications notifications, Clock clock) {
        this.jdbc = jdbc;
        this.recent = NotifiedCache.listeningOn(notifications, CHANGES, KEPT_FOR, clock,
                change -> switch (change.kind()) {
                    case "user" -> Optional.of(k -> k.key().userId().equals(change.id()));
                    case "project" -> Optional.of(k -> k.projectId().equals(change.id()));
                    case "run" -> Optional.of(k -> k.key().runId().equals(change.id()));
                    default -> Optional.empty();
                });
    }

    /** A run the caller may predict with: its status, and its model's checksum when an artifact is recorded. */
    record Checked(RunStatus status, Optional<String> sha256) {
    }

    /** A run the caller may describe: what {@link #require} checks, and the project and design version it trained. */
    record Described(Checked checked, UUID projectId, String designName, int designVersion) {
    }

    Checked require(AppUser user, UUID runId) {
        Key key = new Key(user.id(), runId);
        Optional<Kept> kept = recent.find(key);
        if (kept.isPresent()) {
            return kept.get().checked();
        }
        long beforeRead = recent.beforeRead();
        Kept read = memberRun(user, runId, "r.status, a.sha256, r.project_id", "",
                (rs, i) -> new Kept(key, rs.getObject(3, UUID.class), checked(rs)));
        recent.keep(key, read, beforeRead);
        return read.checked();
    }

    /** {@link #require} with what the model's description names, in the same single query. */
    Described describe(AppUser user, UUID runId) {
        return memberRun(user, runId, "r.status, a.sha256, r.project_id, d.name, v.number", """
                JOIN design_versions v ON v.id = r.design_version_id
                JOIN designs d ON d.id = v.design_id
                """, (rs, i) -> new Described(checked(rs), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getInt(5)));
    }

    /** Columns of run {@code runId} when {@code user} is a member of its workspace (any role); 404 otherwise. */
    private <T> T memberRun(AppUser user, UUID runId, String columns, String joins, RowMapper<T> row) {
        return jdbc.sql("SELECT " + columns + """
                 FROM runs r
                JOIN projects p ON p.id = r.project_id AND p.deleted_at IS NULL
                JOIN workspace_members m ON m.workspace_id = p.workspace_id AND m.user_id = ?
                LEFT JOIN artifacts a ON a.run_id = r.id
                """ + joins + "WHERE r.id = ?").params(user.id(), runId)
                .query(row).optional().orElseThrow(() -> ApiException.notFound("run " + runId));
    }

    private static Checked checked(ResultSet rs) throws SQLException {
        return new Checked(RunStatus.valueOf(rs.getString(1)), Optional.ofNullable(rs.getString(2)));
    }
}
