package dev.netwright.frontend.designer;

import dev.netwright.backend.coedit.LiveDesignFeed;
import dev.netwright.designer.coedit.Conflict;
import dev.netwright.designer.model.Design;
import dev.netwright.frontend.designer.live.LiveEditing;
import dev.netwright.frontend.designer.live.LivePresence;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The other editors of a live stored design as this tab sees them: their edits reach the session here, their
 * presence shows in the toolbar and their selections on the canvas, and this tab's selection is announced to them.
 */
final class LiveCoEditors implements LiveEditing.Listener {
    private final DesignerContext view;
    private final BlockEditingFlow blockEditing;
    private final LivePresence presence = new LivePresence();
    private List<LiveDesignFeed.Presence> others = List.of();

    LiveCoEditors(DesignerContext view, BlockEditingFlow blockEditing) {
        this.view = view;
        this.blockEditing = blockEditing;
    }

    /** Who else is editing, and the conflicts the server reported (shown in the toolbar). */
    LivePresence presence() {
        return presence;
    }

    /** What the others did reaches this tab here (under the UI lock). */
    @Override
    public void remote(Design shared) {
        if (view.stored().previewing()) {
            return; // the preview of an old version stays; back to editing reads the state as it is then
        }
        Selection selection = view.selection();
        Design mine = view.session().design();
        // while a block is open, the selection is of the block's layers, not of the shared design's
        for (String id : blockEditing.isOpen() ? List.<String>of() : selection.ids()) {
            if (shared.node(id).isEmpty() && mine.node(id).isPresent()) {
                Notices.show("Layer " + id + ", which you had selected, was deleted by another editor", true);
                if (selection.ids().size() == 1) {
                    selection.orphaned(mine.node(id).orElseThrow());
                }
            }
        }
        blockEditing.designSession().remote(shared);
        view.refresh();
    }

    @Override
    public void roster(List<LiveDesignFeed.Presence> now) {
        others = now;
        presence.show(now);
        view.refresh();
    }

    @Override
    public void conflicts(List<Conflict> conflicts) {
        presence.conflicts(conflicts);
    }

    /** The others see what this tab has selected (a live stored design only). */
    void announceSelection() {
        StoredDesignEditor stored = view.stored();
        if (stored.live() != null && !stored.previewing()) {
            // the others see no selection while this tab edits a block: its layer ids are not the design's
            stored.live().select(blockEditing.isOpen() ? List.of() : view.selection().ids());
        }
    }

    /** Layer id to the names of the other editors who have it selected. */
    Map<String, String> editorsByLayer() {
        Map<String, TreeSet<String>> by = new HashMap<>();
        for (LiveDesignFeed.Presence p : others) {
            p.selection().forEach(id -> by.computeIfAbsent(id, k -> new TreeSet<>()).add(p.user()));
        }
        Map<String, String> names = new HashMap<>();
        by.forEach((id, users) -> names.put(id, String.join(", ", users)));
        return names;
    }
}
