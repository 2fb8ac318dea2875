package dev.netwright.backend.workspace;

import dev.netwright.backend.api.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The one place that decides who may touch what. Outsiders get 404 for anything in a workspace they are not a
 * member of, exactly as for things that do not exist, so ids cannot be probed. Members whose role is too weak get
 * 403: they already know the thing exists.
 */
@Service
public class WorkspaceAccess {
    private final JdbcClient jdbc;

    WorkspaceAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Role> roleIn(UUID userId, UUID workspaceId) {
        return jdbc.sql("SELECT role FROM workspace_members WHERE user_id = ? AND workspace_id = ?")
                .params(userId, workspaceId).query(String.class).optional().map(Role::valueOf);
    }

    /** The caller's role in the workspace, at least {@code min}. */
    public Role requireWorkspace(UUID userId, UUID workspaceId, Role min) {
        Role role = roleIn(userId, workspaceId).orElseThrow(() -> ApiException.notFound("workspace " + workspaceId));
        return requireRole(role, min);
    }

    /** A live project the caller may access with at least {@code min}. */
    public ProjectRef requireProject(UUID userId, UUID projectId, Role min) {
        ProjectRef ref = jdbc.sql("""
                SELECT p.id, p.workspace_id, m.role FROM projects p
                JOIN workspace_members m ON m.workspace_id = p.workspace_id AND m.user_id = ?
                WHERE p.id = ? AND p.deleted_at IS NULL""")
                .params(userId, projectId)
                .query((rs, i) -> new ProjectRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        Role.valueOf(rs.getString(3))))
                .optional().orElseThrow(() -> ApiException.notFound("project " + projectId));
        requireRole(ref.role(), min);
        return ref;
    }

    private static Role requireRole(Role role, Role min) {
        if (!role.atLeast(min)) {
            throw ApiException.forbidden("your role in this workspace is " + role.name().toLowerCase()
                    + "; this needs " + min.name().toLowerCase() + " or higher");
        }
        return role;
    }
}
