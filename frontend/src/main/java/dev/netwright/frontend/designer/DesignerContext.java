package dev.netwright.frontend.designer;

import dev.netwright.designer.model.Design;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import java.util.function.UnaryOperator;

/**
 * What the designer's collaborators (canvas commands, block editing, live co-editing, the panel and toolbar actions)
 * need from the view: the session being edited, the selection, and a redraw. The view implements it; nothing else
 * holds the view.
 */
interface DesignerContext {
    /** The session the canvas shows: the design's, or the open block's. */
    DesignSession session();

    /** Shows another session (a block opened or closed, a design loaded). */
    void use(DesignSession session);

    Selection selection();

    /** The stored design's save, history and live editing (a scratch design has no stored design in it). */
    StoredDesignEditor stored();

    /** True while the design may not be changed here (a viewer, a preview of an older version). */
    boolean readOnly();

    /** Fits the canvas to the design with the next redraw. */
    void fitNext();

    /** Shows the selection in the property panel and to the co-editors, the canvas left as it is. */
    void showSelection();

    /** Draws the canvas, panel, totals and toolbar again from the session. */
    void refresh();

    /** Applies a change as one undoable step (refused with a notice when read only). */
    default void edit(UnaryOperator<Design> change) {
        if (readOnly()) {
            Notices.show("This design is read only here.", true);
            return;
        }
        session().apply(d -> pinned(change.apply(d)));
    }

    /** The design with the workspace block versions its instances use. */
    Design pinned(Design design);
}
