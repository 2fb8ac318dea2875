package dev.netwright.frontend.workspace;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceService;
import dev.netwright.backend.workspace.WorkspaceViews;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.layout.CurrentWorkspace;
import dev.netwright.frontend.project.DesignsView;
import dev.netwright.frontend.ui.EmptyState;
import dev.netwright.frontend.ui.NotFoundException;
import dev.netwright.frontend.ui.NameDialog;
import dev.netwright.frontend.ui.RouteIds;
import jakarta.annotation.security.PermitAll;
import java.util.UUID;

/** A workspace's projects, with "new project" for editors and owners and a link to the members page. */
@Route("workspaces/:workspaceId")
@PageTitle("Projects · Netwright")
@PermitAll
public class ProjectsView extends VerticalLayout implements BeforeEnterObserver {
    private final WorkspaceService workspaces;
    private final ProjectService projects;
    private final CurrentUser user;

    ProjectsView(WorkspaceService workspaces, ProjectService projects, CurrentUser user) {
        this.workspaces = workspaces;
        this.projects = projects;
        this.user = user;
        addClassName("nw-page");
    }

    public static RouteParameters params(UUID workspaceId) {
        return RouteIds.of("workspaceId", workspaceId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            UUID id = RouteIds.read(event, "workspaceId").orElseThrow(() -> ApiException.notFound("workspace"));
            WorkspaceViews.Workspace ws = workspaces.get(user.get(), id);
            CurrentWorkspace.set(id);
            show(ws);
        } catch (ApiException e) {
            NotFoundException.show(event, e.getMessage());
        }
    }

    private void show(WorkspaceViews.Workspace ws) {
        removeAll();
        boolean canEdit = ws.role().atLeast(Role.EDITOR);
        Button create = new Button("New project", VaadinIcon.PLUS.create(), e -> new NameDialog("New project",
                "Project name", "Create project", name -> {
            var p = projects.create(user.get(), ws.id(), name, "");
            UI.getCurrent().navigate(DesignsView.class, DesignsView.params(p.id()));
        }).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setEnabled(canEdit);
        create.getElement().setAttribute("data-testid", "create-project");
        RouterLink members = new RouterLink("Members", MembersView.class, params(ws.id()));
        members.getElement().setAttribute("data-testid", "members-link");
        HorizontalLayout head = new HorizontalLayout(new H2(ws.name()), new Span("you are "
                + ws.role().name().toLowerCase()), members, create);
        head.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        head.addClassName("nw-page-head");
        add(head);
        var list = projects.list(user.get(), ws.id());
        if (list.isEmpty()) {
            add(new EmptyState("No projects yet", canEdit
                    ? "A project groups the designs and datasets of one problem. Create one to design your first "
                            + "network."
                    : "As a viewer you can look but not create: ask an owner for the editor role."));
            return;
        }
        Div cards = new Div();
        cards.addClassName("nw-cards");
        for (WorkspaceViews.Project p : list) {
            Div card = new Div(new RouterLink(p.name(), DesignsView.class, DesignsView.params(p.id())),
                    new Span("created by " + p.createdBy()));
            card.addClassName("nw-card");
            card.getElement().setAttribute("data-testid", "project-card");
            cards.add(card);
        }
        add(cards);
    }
}
