package dev.netwright.frontend.designer;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.frontend.designer.panel.PropertyPanel;
import dev.netwright.frontend.designer.session.DesignSession;
import java.util.List;

/**
 * Fills the property panel from the selection: one layer (or block instance) with its analysis, a layer another
 * editor deleted while it was selected, or the count and the design's own problems.
 */
final class SelectionPanel {
    private final DesignerContext view;
    private final LayerCatalog catalog;
    private final WorkspaceBlocks blocks;
    private final PropertyPanel properties;

    SelectionPanel(DesignerContext view, LayerCatalog catalog, WorkspaceBlocks blocks, PropertyPanel properties) {
        this.view = view;
        this.catalog = catalog;
        this.blocks = blocks;
        this.properties = properties;
    }

    void show() {
        DesignSession session = view.session();
        Selection selection = view.selection();
        List<String> ids = selection.ids();
        var orphan = selection.orphan();
        if (ids.isEmpty() && orphan != null) {
            var kind = catalog.find(orphan.type()).or(() -> blocks.instanceKind(session.design(), orphan));
            if (kind.isPresent()) {
                properties.showNode(orphan, kind.get(), null, List.of(orphan.id()));
                return;
            }
        }
        if (ids.size() == 1) {
            var node = session.design().node(ids.get(0));
            var kind = node.flatMap(n -> catalog.find(n.type()).or(() -> blocks.instanceKind(session.design(), n)));
            if (node.isPresent() && kind.isPresent()) {
                properties.showNode(node.get(), kind.get(), session.analysis().node(node.get().id()).orElse(null),
                        ids);
                return;
            }
        }
        properties.showNothing(ids.size(), session.analysis().problems().stream()
                .filter(p -> p.nodeId() == null).toList());
    }
}
