package dev.netwright.designer.layout;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;

/**
 * Room for a layer whose drawn box changes size in place (a block instance expanded into a frame of its inner
 * layers, or collapsed again): the layers entirely right of the old box move right by the change of its width,
 * those entirely below it move down by the change of its height (a layer both right and below, both). Positions are
 * part of the design, so this is a change of the design that every co-editor sees alike; collapsing is the same
 * rule with the sizes swapped and takes back exactly what expanding moved.
 *
 * <p>No overlap is made: each layer's shift depends only on its own left (top) edge and never decreases as that edge
 * goes right (down), so two layers apart along one axis stay at least as far apart; and a layer that was right of
 * (below) the old box ends right of (below) the new one. Only layers that already overlapped can still overlap.
 */
public final class FrameRoom {
    /** The box a collapsed layer takes, as the auto-layout plans it. */
    public static final Size LAYER = new Size(AutoLayout.NODE_WIDTH, AutoLayout.NODE_HEIGHT);

    private FrameRoom() {
    }

    /** A drawn box's size in canvas pixels. */
    public record Size(double width, double height) {
    }

    /** The design with the layers around {@code nodeId} moved for its box growing (or shrinking) from before to after. */
    public static Design resize(Design design, String nodeId, Size before, Size after) {
        Node box = design.node(nodeId).orElse(null);
        if (box == null || before.equals(after)) {
            return design;
        }
        double right = box.position().x() + before.width();
        double bottom = box.position().y() + before.height();
        double dx = after.width() - before.width();
        double dy = after.height() - before.height();
        return design.withNodes(design.nodes().stream().map(n -> {
            Position p = n.position();
            double x = p.x() >= right ? p.x() + dx : p.x();
            double y = p.y() >= bottom ? p.y() + dy : p.y();
            return x == p.x() && y == p.y() ? n : n.withPosition(new Position(x, y));
        }).toList());
    }
}
