package dev.netwright.frontend.designer;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.designer.model.Design;
import dev.netwright.frontend.designer.live.LiveEditing;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.designer.stored.DesignHost;
import dev.netwright.frontend.designer.stored.DiffMarks;

/**
 * The stored-design logic sees the canvas only through this: it reads the design (the design's own, also while a
 * block is open), loads a version or the live working state, and marks a diff or switches editing off.
 */
final class DesignerHost implements DesignHost {
    private final DesignerContext view;
    private final LayerCatalog catalog;
    private final BlockEditingFlow blockEditing;
    private DiffMarks marks;
    private boolean readOnly;

    DesignerHost(DesignerContext view, LayerCatalog catalog, BlockEditingFlow blockEditing) {
        this.view = view;
        this.catalog = catalog;
        this.blockEditing = blockEditing;
    }

    /** The diff drawn on the canvas, or null for none. */
    DiffMarks marks() {
        return marks;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** Designs written by hand often leave every node at the origin. */
    static boolean needsLayout(Design design) {
        return design.nodes().size() > 1
                && design.nodes().stream().map(n -> n.position()).distinct().count() == 1;
    }

    @Override
    public Design current() {
        return blockEditing.designSession().design();
    }

    @Override
    public long revision() {
        return blockEditing.designSession().revision();
    }

    @Override
    public void load(Design design) {
        blockEditing.drop();
        Design laidOut = needsLayout(design) ? new AutoLayout().apply(design) : design;
        view.use(new DesignSession(catalog, laidOut));
        freshStart(laidOut);
    }

    @Override
    public void loadLive(Design working, LiveEditing live) {
        blockEditing.drop();
        DesignSession session = new DesignSession(catalog, working);
        session.goLive(live);
        view.use(session);
        freshStart(working);
        // laid out in the shared state, not just here, so every editor sees the same canvas
        if (needsLayout(working) && view.stored().stored().canEdit()) {
            session.apply(d -> new AutoLayout().apply(d));
        }
    }

    private void freshStart(Design shown) {
        marks = null;
        view.selection().reset();
        // fitting an empty canvas would zoom in and make palette drops land on top of each other
        if (!shown.nodes().isEmpty()) {
            view.fitNext();
        }
    }

    @Override
    public void present(DiffMarks diff, boolean readOnlyNow) {
        marks = diff;
        readOnly = readOnlyNow;
        view.refresh();
    }
}
