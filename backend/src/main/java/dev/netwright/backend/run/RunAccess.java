package dev.netwright.backend.run;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Membership checks for a run, through its project: outsiders get 404, weak roles 403 (see WorkspaceAccess). */
@Component
public class RunAccess {
    private final JdbcClient jdbc;
    private final WorkspaceAccess access;

    RunAccess(JdbcClient jdbc, WorkspaceAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    public ProjectRef require(AppUser user, UUID runId, Role min) {
        UUID project = jdbc.sql("SELECT project_id FROM runs WHERE id = ?").param(runId).query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("run " + runId));
        try {
            return access.requireProject(user.id(), project, min);
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw ApiException.notFound("run " + runId); // do not reveal the project either
            }
            throw e;
        }
    }
}
