package dev.netwright.frontend.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import dev.netwright.backend.workspace.WorkspaceService;
import dev.netwright.backend.workspace.WorkspaceViews;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.workspace.NewWorkspaceDialog;
import dev.netwright.frontend.workspace.ProjectsView;
import jakarta.annotation.security.PermitAll;
import java.util.Objects;

/** The frame around every signed-in view: brand, workspace switcher (with "new workspace"), user and sign-out. */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {
    private final WorkspaceService workspaces;
    private final CurrentUser user;
    private final Select<WorkspaceViews.Workspace> switcher = new Select<>();
    private boolean updating;

    MainLayout(WorkspaceService workspaces, CurrentUser user) {
        this.workspaces = workspaces;
        this.user = user;
        Anchor brand = new Anchor("/", "Netwright");
        brand.addClassName("nw-brand");
        switcher.setAriaLabel("Workspace");
        switcher.setPlaceholder("Choose a workspace");
        switcher.setItemLabelGenerator(WorkspaceViews.Workspace::name);
        switcher.getElement().setAttribute("data-testid", "workspace-switcher");
        switcher.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(ProjectsView.class, ProjectsView.params(e.getValue().id())));
            }
        });
        Button create = new Button("New workspace", VaadinIcon.PLUS.create(), e -> new NewWorkspaceDialog(workspaces,
                user.get(), ws -> getUI().ifPresent(ui -> ui.navigate(ProjectsView.class,
                ProjectsView.params(ws.id())))).open());
        create.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        create.getElement().setAttribute("data-testid", "new-workspace");
        Anchor learn = new Anchor("learn", "Learn");
        learn.addClassName("nw-nav-link");
        learn.getElement().setAttribute("data-testid", "nav-learn");
        Span who = new Span(user.get().displayName());
        who.addClassName("nw-user");
        who.getElement().setAttribute("data-testid", "current-user");
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> user.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.getElement().setAttribute("data-testid", "sign-out");
        Div spacer = new Div();
        HorizontalLayout bar = new HorizontalLayout(brand, switcher, create, learn, spacer, who, logout);
        bar.setFlexGrow(1, spacer);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.addClassName("nw-navbar");
        addToNavbar(bar);
        // navigation lives in the bar and on the pages; an empty drawer would only take width
        setDrawerOpened(false);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        updating = true;
        try {
            var list = workspaces.list(user.get());
            switcher.setItems(list);
            var current = CurrentWorkspace.get().flatMap(id -> list.stream()
                    .filter(w -> Objects.equals(w.id(), id)).findFirst());
            switcher.setValue(current.orElse(null));
            switcher.setVisible(!list.isEmpty());
        } finally {
            updating = false;
        }
    }
}
