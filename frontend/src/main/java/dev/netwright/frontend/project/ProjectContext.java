package dev.netwright.frontend.project;

import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.backend.workspace.WorkspaceViews;

/** A project as a page needs it: the project and what the user may do there. */
public record ProjectContext(WorkspaceViews.Project project, Role role) {

    public static ProjectContext load(ProjectService projects, WorkspaceAccess access, AppUser user,
                                      java.util.UUID projectId) {
        var ref = access.requireProject(user.id(), projectId, Role.VIEWER);
        return new ProjectContext(projects.get(user, projectId), ref.role());
    }

    public boolean canEdit() {
        return role.atLeast(Role.EDITOR);
    }
}
