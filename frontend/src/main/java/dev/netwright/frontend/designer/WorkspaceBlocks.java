package dev.netwright.frontend.designer;

import dev.netwright.backend.block.BlockLibraryService;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.frontend.designer.panel.BlockInstanceKind;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import java.util.Optional;
import java.util.function.Supplier;

/** The blocks the open design can use, read from its workspace's library when it is stored. */
final class WorkspaceBlocks {
    private final BlockLibraryService library;
    /** Read when used: the stored-design editor is made after the view's collaborators. */
    private final Supplier<StoredDesignEditor> stored;

    WorkspaceBlocks(BlockLibraryService library, Supplier<StoredDesignEditor> stored) {
        this.library = library;
        this.stored = stored;
    }

    /** The blocks this design can use: its workspace's library (with the built-in ones), or the built-in ones. */
    BlockLibrary library() {
        StoredDesignEditor editor = stored.get();
        return editor.stored() == null ? BuiltInBlocks.library() : library.library(editor.workspace());
    }

    /**
     * A stored design carries the workspace block versions its instances use as soon as they are used (a block
     * dropped from the palette, a version raised in the panel), so the analysis sees them before the save.
     */
    Design pinned(Design d) {
        StoredDesignEditor editor = stored.get();
        return editor.stored() == null || !d.hasBlockInstances() ? d : library.pin(editor.workspace(), d);
    }

    /** A block instance shows its pinned version and exposed parameters in the property panel. */
    Optional<LayerKind> instanceKind(Design design, Node n) {
        var known = BlockLibrary.of(design.blocks()).before(library());
        return BlockInstance.of(n).flatMap(b -> known.find(b.ref())
                .map(def -> new BlockInstanceKind(def, known.latest(def.name()).map(d -> d.version())
                        .orElse(def.version()))));
    }
}
