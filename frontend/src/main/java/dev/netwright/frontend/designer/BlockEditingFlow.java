package dev.netwright.frontend.designer;

import com.vaadin.flow.component.Component;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.block.BlockLibraryService;
import dev.netwright.designer.block.BlockEditing;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.designer.model.Shape;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * "Edit block" in the canvas, and which block instances are drawn expanded: the newest version of an instance's
 * workspace block opens in place of the design (its inputs as Input layers shaped like the instance's inputs), the
 * design's session and expanded instances waiting here; saving makes the block's next version in the workspace's
 * library, closing goes back to the design.
 */
final class BlockEditingFlow {
    private final DesignerContext view;
    private final LayerCatalog catalog;
    private final DesignJson json;
    private final WorkspaceBlocks blocks;
    private final BlockLibraryService blockLibrary;
    private final CurrentUser user;
    /** Shows the open block's banner under the toolbar. */
    private final Consumer<Component> banners;
    /** The palette changed: a new block version was saved. */
    private final Runnable paletteChanged;
    /** Block instances drawn expanded in place (a view state: the design does not change). */
    private final Set<String> expanded = new LinkedHashSet<>();
    /** The block open for editing (the design's own session waits in it), or null. */
    private OpenBlock open;

    /** A block open in the canvas: the design's session and expanded instances to go back to, and the banner. */
    private record OpenBlock(DesignSession host, Set<String> hostExpanded, BlockEditing.Editing editing, int latest,
                             BlockEditBanner banner) {
    }

    BlockEditingFlow(DesignerContext view, LayerCatalog catalog, DesignJson json, WorkspaceBlocks blocks, BlockLibraryService blockLibrary, CurrentUser user,
                     Consumer<Component> banners, Runnable paletteChanged) {
        this.view = view;
        this.catalog = catalog;
        this.json = json;
        this.blocks = blocks;
        this.blockLibrary = blockLibrary;
        this.user = user;
        this.banners = banners;
        this.paletteChanged = paletteChanged;
    }

    /** The block instances drawn expanded (live: the canvas commands open and close them). */
    Set<String> expanded() {
        return expanded;
    }

    boolean isOpen() {
        return open != null;
    }

    /** The design's own session, also while a block is open in the canvas. */
    DesignSession designSession() {
        return open != null ? open.host() : view.session();
    }

    void open(String instanceId) {
        if (open != null) {
            throw new IllegalArgumentException("Finish editing block " + open.editing().block().name() + " first");
        }
        DesignSession session = view.session();
        var node = session.design().node(instanceId).orElseThrow(
                () -> new IllegalArgumentException("there is no layer '" + instanceId + "'"));
        var instance = BlockInstance.of(node).orElseThrow(
                () -> new IllegalArgumentException("'" + instanceId + "' is not a block instance"));
        String name = instance.ref().name();
        if (BuiltInBlocks.library().latest(name).isPresent()) {
            throw new IllegalArgumentException("'" + name + "' is a built-in block and cannot be changed: Ungroup "
                    + "the instance and make a block of your own from its layers");
        }
        if (view.stored().stored() == null) {
            throw new IllegalArgumentException("Blocks live in a workspace's library: save this design in a project "
                    + "to edit its blocks");
        }
        var library = BlockLibrary.of(session.design().blocks()).before(blocks.library());
        var block = library.latest(name).orElseThrow(() -> new IllegalArgumentException("no block '" + name + "'"));
        var report = session.analysis().node(instanceId).orElse(null);
        List<Shape> shapes = report == null ? List.of() : report.inputs().stream()
                .map(in -> session.analysis().node(in).map(r -> r.outputShape()).orElse(null)).toList();
        var editing = BlockEditing.open(block, instance.values(), shapes);
        BlockEditBanner banner = new BlockEditBanner(editing, block.version(), this::save, this::close);
        open = new OpenBlock(session, Set.copyOf(expanded), editing, block.version(), banner);
        view.use(new DesignSession(catalog, new AutoLayout().apply(editing.design())));
        expanded.clear();
        view.selection().clear();
        view.fitNext();
        banners.accept(banner);
        if (block.version() > instance.ref().version()) {
            Notices.show(instanceId + " uses version " + instance.ref().version() + "; the newest, version "
                    + block.version() + ", is open", false);
        }
    }

    private void save() {
        if (open == null) {
            return;
        }
        try {
            var block = BlockEditing.save(open.editing(), view.session().design(), open.banner().documentation(),
                    open.latest() + 1);
            StoredDesignEditor stored = view.stored();
            var saved = blockLibrary.newVersion(user.get(), stored.editableWorkspace(), block.name(),
                    open.latest(), json.blockTree(block), "edited in design " + stored.stored().name());
            close();
            paletteChanged.run();
            Notices.show("Saved block " + block.name() + " version " + saved.version() + ". Instances of older "
                    + "versions offer the upgrade in the property panel.", false);
        } catch (IllegalArgumentException | ApiException e) {
            Notices.show(e.getMessage(), true);
        }
    }

    /** Back to the design as it was when the block was opened (with what others did live meanwhile). */
    private void close() {
        if (open == null) {
            return;
        }
        view.use(open.host());
        expanded.clear();
        expanded.addAll(open.hostExpanded());
        drop();
        view.selection().clear();
        view.fitNext();
        view.refresh();
    }

    /** Forgets the open block without going back to its design (another design is being loaded). */
    void drop() {
        if (open != null) {
            open.banner().removeFromParent();
            open = null;
        }
    }
}
