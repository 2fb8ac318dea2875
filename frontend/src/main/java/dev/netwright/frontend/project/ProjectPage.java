package dev.netwright.frontend.project;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.RouteParameters;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.ui.RouteIds;
import java.util.UUID;

/**
 * A page under {@code projects/:projectId/...}: on every navigation it opens the project through
 * {@link ProjectContext#enter} (access check, workspace switcher, not-found page) and then draws itself.
 */
public abstract class ProjectPage extends VerticalLayout implements BeforeEnterObserver {
    private final ProjectService projects;
    private final WorkspaceAccess access;
    protected final CurrentUser user;
    /** The open project and the user's role in it; set before {@link #show()} runs. */
    protected ProjectContext ctx;

    protected ProjectPage(ProjectService projects, WorkspaceAccess access, CurrentUser user) {
        this.projects = projects;
        this.access = access;
        this.user = user;
        addClassName("nw-page");
    }

    /** Route parameters of a project page for this project. */
    public static RouteParameters params(UUID projectId) {
        return RouteIds.of("projectId", projectId);
    }

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        ProjectContext.enter(event, projects, access, user.get(), c -> {
            ctx = c;
            show();
        });
    }

    /** Draws the page for {@link #ctx}; an ApiException thrown here shows the not-found page. */
    protected abstract void show();
}
