package dev.netwright.frontend.workspace;

import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.WorkspaceService;
import dev.netwright.backend.workspace.WorkspaceViews;
import dev.netwright.frontend.ui.NameDialog;
import java.util.function.Consumer;

/** Creates a workspace; its creator becomes its owner. */
public class NewWorkspaceDialog extends NameDialog {
    public NewWorkspaceDialog(WorkspaceService workspaces, AppUser user, Consumer<WorkspaceViews.Workspace> created) {
        super("New workspace", "Workspace name", "Create workspace",
                name -> created.accept(workspaces.create(user, name)));
    }
}
