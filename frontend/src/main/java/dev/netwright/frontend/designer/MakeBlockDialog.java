package dev.netwright.frontend.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.block.BlockLibraryService;
import dev.netwright.backend.coedit.LiveBlockService;
import dev.netwright.designer.block.BlockExtraction;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import java.util.List;

/**
 * "Make block" from the selected layers: a live design's block is made by the server from the shared state, all or
 * nothing; otherwise here, and a stored design's new block goes into its workspace's library (version 1).
 */
final class MakeBlockDialog {
    private final DesignerContext view;
    private final DesignJson json;
    private final BlockLibraryService blockLibrary;
    private final LiveBlockService liveBlocks;
    private final CurrentUser user;

    MakeBlockDialog(DesignerContext view, DesignJson json, BlockLibraryService blockLibrary,
                    LiveBlockService liveBlocks, CurrentUser user) {
        this.view = view;
        this.json = json;
        this.blockLibrary = blockLibrary;
        this.liveBlocks = liveBlocks;
        this.user = user;
    }

    void open() {
        if (view.readOnly()) {
            Notices.show("This design is read only here.", true);
            return;
        }
        List<String> chosen = view.selection().ids();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Make block from " + chosen.size() + (chosen.size() == 1 ? " layer" : " layers"));
        TextField name = new TextField("Block name");
        name.getElement().setAttribute("data-testid", "block-name");
        TextField description = new TextField("What it does");
        dialog.add(new VerticalLayout(name, description));
        Button make = new Button("Make block", e -> {
            try {
                make(dialog, chosen, name.getValue().strip(), description.getValue().strip());
            } catch (IllegalArgumentException | ApiException ex) {
                Notices.show(ex.getMessage(), true);
            }
        });
        make.getElement().setAttribute("data-testid", "make-block-confirm");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), make);
        dialog.open();
    }

    private void make(Dialog dialog, List<String> chosen, String blockName, String what) {
        DesignSession session = view.session();
        StoredDesignEditor stored = view.stored();
        String instanceId;
        String notice = "";
        if (session.live()) {
            // made by the server from the shared state, with its library block, all or nothing
            var made = stored.live().makeBlock(liveBlocks, session.design(), chosen, blockName, what,
                    "made in design " + stored.stored().name());
            session.adopt(new DesignSession.Synced(made.submitted().design(), made.submitted().applied()));
            instanceId = made.block().instanceId();
            notice = made.notice();
        } else {
            var result = BlockExtraction.extract(session.design(), chosen, blockName, what);
            if (stored.stored() != null) {
                // a stored design's new block goes into its workspace's library (version 1)
                blockLibrary.create(user.get(), stored.editableWorkspace(), json.blockTree(result.block()),
                        "made in design " + stored.stored().name());
            }
            session.apply(d -> result.design());
            instanceId = result.instanceId();
        }
        dialog.close();
        view.selection().select(List.of(instanceId));
        view.refresh();
        Notices.show(notice.isEmpty() ? "Block '" + blockName + "' made" : notice, !notice.isEmpty());
    }
}
