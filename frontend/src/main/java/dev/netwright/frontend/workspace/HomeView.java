package dev.netwright.frontend.workspace;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.backend.workspace.WorkspaceService;
import dev.netwright.backend.workspace.WorkspaceViews;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.ui.EmptyState;
import jakarta.annotation.security.PermitAll;

/** The start page: the user's workspaces, invitations waiting for an answer, and how to begin. */
@Route("")
@PageTitle("Workspaces · Netwright")
@PermitAll
public class HomeView extends VerticalLayout {
    private final WorkspaceService workspaces;
    private final CurrentUser user;

    HomeView(WorkspaceService workspaces, CurrentUser user) {
        this.workspaces = workspaces;
        this.user = user;
        addClassName("nw-page");
        show();
    }

    private void show() {
        removeAll();
        add(new InvitationsPanel(workspaces, user.get(), this::show));
        Button create = new Button("New workspace", VaadinIcon.PLUS.create(), e -> new NewWorkspaceDialog(workspaces,
                user.get(), ws -> UI.getCurrent().navigate(ProjectsView.class, ProjectsView.params(ws.id()))).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.getElement().setAttribute("data-testid", "create-workspace");
        var list = workspaces.list(user.get());
        add(new H2("Your workspaces"));
        if (list.isEmpty()) {
            add(new EmptyState("No workspace yet",
                    "A workspace holds projects and the people who work on them. Create one to start designing "
                            + "networks, or ask a colleague to invite you to theirs.", create));
            return;
        }
        Div cards = new Div();
        cards.addClassName("nw-cards");
        for (WorkspaceViews.Workspace w : list) {
            Div card = new Div(new RouterLink(w.name(), ProjectsView.class, ProjectsView.params(w.id())),
                    new Span(w.projects() + " projects · " + w.members() + " members · you are "
                            + w.role().name().toLowerCase()));
            card.addClassName("nw-card");
            cards.add(card);
        }
        add(cards, create);
    }
}
