package dev.netwright.frontend.workspace;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.WorkspaceService;
import dev.netwright.backend.workspace.WorkspaceViews;
import dev.netwright.frontend.ui.UiErrors;

/** Invitations addressed to the signed-in user, with accept and decline. Hidden when there are none. */
final class InvitationsPanel extends Div {
    InvitationsPanel(WorkspaceService workspaces, AppUser user, Runnable changed) {
        var pending = workspaces.myInvitations(user);
        setVisible(!pending.isEmpty());
        addClassName("nw-invitations");
        getElement().setAttribute("data-testid", "my-invitations");
        add(new H3("Invitations for you"));
        for (WorkspaceViews.Invitation inv : pending) {
            Button accept = new Button("Accept", e -> {
                if (UiErrors.attempt(() -> workspaces.answer(user, inv.id(), true))) {
                    UiErrors.success("You joined " + inv.workspaceName());
                    changed.run();
                }
            });
            accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            accept.getElement().setAttribute("data-testid", "accept-invitation");
            Button decline = new Button("Decline", e -> {
                if (UiErrors.attempt(() -> workspaces.answer(user, inv.id(), false))) {
                    changed.run();
                }
            });
            decline.addThemeVariants(ButtonVariant.LUMO_SMALL);
            Div row = new Div(new Span(inv.invitedBy() + " invites you to " + inv.workspaceName() + " as "
                    + inv.role().name().toLowerCase()), accept, decline);
            row.addClassName("nw-row");
            add(row);
        }
    }
}
