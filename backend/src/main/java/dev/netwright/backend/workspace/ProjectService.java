package dev.netwright.backend.workspace;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.db.DatabaseNotifications;
import dev.netwright.backend.security.AppUser;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects inside a workspace; they hold designs, datasets and (later) runs. */
@Service
public class ProjectService {
    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final AuditLog audit;
    private final DatabaseNotifications notifications;

    ProjectService(JdbcClient jdbc, WorkspaceAccess access, AuditLog audit, DatabaseNotifications notifications) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.notifications = notifications;
    }

    @Transactional
    public WorkspaceViews.Project create(AppUser user, UUID workspaceId, String name, String description) {
        access.requireWorkspace(user.id(), workspaceId, Role.EDITOR);
        String n = WorkspaceService.requireName(name, "name");
        UUID id = jdbc.sql("""
                INSERT INTO projects (workspace_id, name, description, created_by) VALUES (?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, n, description == null ? "" : description.strip(), user.id())
                .query(UUID.class).single();
        audit.record(workspaceId, user.id(), "project.create", "project", id, Map.of("name", n));
        return get(user, id);
    }

    public List<WorkspaceViews.Project> list(AppUser user, UUID workspaceId) {
        access.requireWorkspace(user.id(), workspaceId, Role.VIEWER);
        return jdbc.sql(SELECT + " WHERE p.workspace_id = ? AND p.deleted_at IS NULL ORDER BY lower(p.name)")
                .param(workspaceId).query(ProjectService::project).list();
    }

    public WorkspaceViews.Project get(AppUser user, UUID projectId) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        return jdbc.sql(SELECT + " WHERE p.id = ?").param(projectId).query(ProjectService::project).single();
    }

    @Transactional
    public WorkspaceViews.Project update(AppUser user, UUID projectId, String name, String description) {
        ProjectRef ref = access.requireProject(user.id(), projectId, Role.EDITOR);
        if (name != null) {
            jdbc.sql("UPDATE projects SET name = ? WHERE id = ?")
                    .params(WorkspaceService.requireName(name, "name"), projectId).update();
        }
        if (description != null) {
            jdbc.sql("UPDATE projects SET description = ? WHERE id = ?").params(description.strip(), projectId)
                    .update();
        }
        audit.record(ref.workspaceId(), user.id(), "project.update", "project", projectId,
                name == null ? Map.of() : Map.of("name", name.strip()));
        return get(user, projectId);
    }

    @Transactional
    public void delete(AppUser user, UUID projectId) {
        ProjectRef ref = access.requireProject(user.id(), projectId, Role.OWNER);
        jdbc.sql("UPDATE projects SET deleted_at = now() WHERE id = ?").param(projectId).update();
        audit.record(ref.workspaceId(), user.id(), "project.delete", "project", projectId, Map.of());
        // what this instance keeps about access to the project's runs is forgotten before the answer
        notifications.awaitAnnouncementsAfterCommit();
    }

    private static final String SELECT = """
            SELECT p.id, p.workspace_id, p.name, p.description, p.created_at, u.username
            FROM projects p JOIN users u ON u.id = p.created_by""";

    private static WorkspaceViews.Project project(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new WorkspaceViews.Project(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getObject(5, OffsetDateTime.class), rs.getString(6));
    }

}
