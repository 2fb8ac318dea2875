package dev.netwright.designer.diff;

import dev.netwright.designer.model.Position;
import java.util.List;

/**
 * A node present in both designs (matched by id) that differs.
 *
 * @param nodeId       the node
 * @param typeBefore   its layer type before
 * @param typeAfter    its layer type after (differs from {@code typeBefore} when the layer kind was swapped)
 * @param params       parameter changes, by name in alphabetical order
 * @param moved        whether only its canvas position changed as well (does not affect the network)
 * @param positionBefore position before
 * @param positionAfter  position after
 */
public record NodeChange(String nodeId, String typeBefore, String typeAfter, List<ParamChange> params, boolean moved,
                         Position positionBefore, Position positionAfter) {
    public NodeChange {
        params = List.copyOf(params);
    }

    public boolean typeChanged() {
        return !typeBefore.equals(typeAfter);
    }

    /** True when the change alters the network (type or parameters), not just the layout. */
    public boolean affectsNetwork() {
        return typeChanged() || !params.isEmpty();
    }
}
