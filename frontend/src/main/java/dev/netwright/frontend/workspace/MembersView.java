package dev.netwright.frontend.workspace;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.resources.MemoryEstimate;
import dev.netwright.backend.storage.StorageQuotas;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceService;
import dev.netwright.backend.workspace.WorkspaceViews;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.layout.CurrentWorkspace;
import dev.netwright.frontend.ui.NotFoundException;
import dev.netwright.frontend.ui.RouteIds;
import dev.netwright.frontend.ui.UiErrors;
import jakarta.annotation.security.PermitAll;
import java.util.UUID;

/**
 * Members and roles of a workspace. Owners invite, change roles and remove, and see the workspace's storage against its
 * quota; everyone else reads.
 */
@Route("workspaces/:workspaceId/members")
@PageTitle("Members · Netwright")
@PermitAll
public class MembersView extends VerticalLayout implements BeforeEnterObserver {
    private final WorkspaceService workspaces;
    private final CurrentUser user;
    private final StorageQuotas quotas;
    private WorkspaceViews.Workspace workspace;

    MembersView(WorkspaceService workspaces, CurrentUser user, StorageQuotas quotas) {
        this.quotas = quotas;
        this.workspaces = workspaces;
        this.user = user;
        addClassName("nw-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            UUID id = RouteIds.read(event, "workspaceId").orElseThrow(() -> ApiException.notFound("workspace"));
            workspace = workspaces.get(user.get(), id);
            CurrentWorkspace.set(id);
            show();
        } catch (ApiException e) {
            NotFoundException.show(event, e.getMessage());
        }
    }

    private void show() {
        removeAll();
        boolean owner = workspace.role() == Role.OWNER;
        add(new RouterLink("← Projects of " + workspace.name(), ProjectsView.class,
                ProjectsView.params(workspace.id())), new H2("Members of " + workspace.name()));
        if (owner) {
            StorageQuotas.Usage storage = quotas.usage(user.get(), workspace.id());
            Paragraph line = new Paragraph("Storage: " + MemoryEstimate.words(storage.usedBytes()) + " of "
                    + MemoryEstimate.words(storage.quotaBytes()) + " (datasets "
                    + MemoryEstimate.words(storage.datasetBytes()) + ", trained models "
                    + MemoryEstimate.words(storage.artifactBytes()) + "). Uploads and new runs are refused once it "
                    + "is used up; deleted datasets are purged after a while.");
            line.getElement().setAttribute("data-testid", "workspace-storage");
            add(line, inviteForm());
        } else {
            add(new Paragraph("Only owners manage members. You are " + workspace.role().name().toLowerCase() + "."));
        }
        Grid<WorkspaceViews.Member> grid = new Grid<>();
        grid.addColumn(WorkspaceViews.Member::username).setHeader("User");
        grid.addColumn(WorkspaceViews.Member::displayName).setHeader("Name");
        grid.addComponentColumn(m -> roleSelect(m, owner)).setHeader("Role");
        grid.addComponentColumn(m -> removeButton(m, owner)).setHeader("");
        grid.setItems(workspaces.members(user.get(), workspace.id()));
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "members");
        add(grid);
        if (owner) {
            var pending = workspaces.workspaceInvitations(user.get(), workspace.id());
            add(new H3("Pending invitations"));
            if (pending.isEmpty()) {
                add(new Paragraph("None. Invited people see the invitation on their start page and accept it "
                        + "there."));
            }
            for (var inv : pending) {
                Button revoke = new Button("Revoke", e -> {
                    if (UiErrors.attempt(() -> workspaces.revokeInvitation(user.get(), workspace.id(), inv.id()))) {
                        show();
                    }
                });
                revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                add(new HorizontalLayout(new Paragraph(inv.invitee() + " as " + inv.role().name().toLowerCase()
                        + " (invited by " + inv.invitedBy() + ")"), revoke));
            }
        }
    }

    private HorizontalLayout inviteForm() {
        TextField who = new TextField("User name or e-mail");
        who.getElement().setAttribute("data-testid", "invite-who");
        Select<Role> role = roleField();
        role.setValue(Role.EDITOR);
        Button invite = new Button("Invite", e -> {
            if (UiErrors.attempt(() -> workspaces.invite(user.get(), workspace.id(), who.getValue(), role.getValue()))) {
                UiErrors.success("Invited " + who.getValue().strip());
                show();
            }
        });
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        invite.getElement().setAttribute("data-testid", "invite");
        HorizontalLayout form = new HorizontalLayout(who, role, invite);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return form;
    }

    private static Select<Role> roleField() {
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.VIEWER, Role.EDITOR, Role.OWNER);
        role.setItemLabelGenerator(r -> r.name().charAt(0) + r.name().substring(1).toLowerCase());
        role.getElement().setAttribute("data-testid", "invite-role");
        return role;
    }

    private Select<Role> roleSelect(WorkspaceViews.Member m, boolean owner) {
        Select<Role> role = roleField();
        role.setLabel(null);
        role.setAriaLabel("Role of " + m.username());
        role.getElement().setAttribute("data-testid", "member-role");
        role.setValue(m.role());
        role.setEnabled(owner);
        role.addValueChangeListener(e -> {
            if (e.isFromClient() && !UiErrors.attempt(() -> workspaces.changeRole(user.get(), workspace.id(),
                    m.userId(), e.getValue()))) {
                show();
            }
        });
        return role;
    }

    private Button removeButton(WorkspaceViews.Member m, boolean owner) {
        boolean self = m.userId().equals(user.get().id());
        Button remove = new Button(self ? "Leave" : "Remove", e -> {
            if (UiErrors.attempt(() -> workspaces.removeMember(user.get(), workspace.id(), m.userId()))) {
                if (self) {
                    getUI().ifPresent(ui -> ui.navigate(HomeView.class));
                } else {
                    show();
                }
            }
        });
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setEnabled(owner || self);
        return remove;
    }
}
