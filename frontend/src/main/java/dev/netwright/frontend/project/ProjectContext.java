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

    /**
     * Opens a project page: loads the project named by the route's {@code projectId} after the access check, points
     * the workspace switcher at its workspace and calls {@code show}; a missing, foreign or unreadable project
     * (an ApiException from loading or showing) goes to the not-found page instead.
     */
    public static void enter(com.vaadin.flow.router.BeforeEnterEvent event, ProjectService projects,
                             WorkspaceAccess access, AppUser user, java.util.function.Consumer<ProjectContext> show) {
        try {
            java.util.UUID id = dev.netwright.frontend.ui.RouteIds.read(event, "projectId")
                    .orElseThrow(() -> dev.netwright.backend.api.ApiException.notFound("project"));
            ProjectContext ctx = load(projects, access, user, id);
            dev.netwright.frontend.layout.CurrentWorkspace.set(ctx.project().workspaceId());
            show.accept(ctx);
        } catch (dev.netwright.backend.api.ApiException e) {
            dev.netwright.frontend.ui.NotFoundException.show(event, e.getMessage());
        }
    }

    public boolean canEdit() {
        return role.atLeast(Role.EDITOR);
    }
}
