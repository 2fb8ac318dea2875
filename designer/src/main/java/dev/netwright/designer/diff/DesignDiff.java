package dev.netwright.designer.diff;

import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import java.util.List;

/**
 * What changed from one design to another. Nodes are matched by id, edges by (from, to, port).
 *
 * @param nameBefore         design name before
 * @param nameAfter          design name after
 * @param descriptionChanged whether the description differs
 * @param nodesAdded         nodes only in the newer design, in its order
 * @param nodesRemoved       nodes only in the older design, in its order
 * @param nodesChanged       nodes in both that differ (type, parameters or position), in the newer design's order
 * @param edgesAdded         edges only in the newer design
 * @param edgesRemoved       edges only in the older design
 * @param networksChanged    GAN network names whose node lists differ (added, removed or changed)
 */
public record DesignDiff(String nameBefore, String nameAfter, boolean descriptionChanged, List<Node> nodesAdded,
                         List<Node> nodesRemoved, List<NodeChange> nodesChanged, List<Edge> edgesAdded,
                         List<Edge> edgesRemoved, List<String> networksChanged) {
    public DesignDiff {
        nodesAdded = List.copyOf(nodesAdded);
        nodesRemoved = List.copyOf(nodesRemoved);
        nodesChanged = List.copyOf(nodesChanged);
        edgesAdded = List.copyOf(edgesAdded);
        edgesRemoved = List.copyOf(edgesRemoved);
        networksChanged = List.copyOf(networksChanged);
    }

    /** True when the two designs are the same in every respect, layout included. */
    public boolean isEmpty() {
        return nameBefore.equals(nameAfter) && !descriptionChanged && nodesAdded.isEmpty() && nodesRemoved.isEmpty()
                && nodesChanged.isEmpty() && edgesAdded.isEmpty() && edgesRemoved.isEmpty()
                && networksChanged.isEmpty();
    }

    /** True when the trained network would differ (layout-only moves and renames do not count). */
    public boolean affectsNetwork() {
        return !nodesAdded.isEmpty() || !nodesRemoved.isEmpty() || !edgesAdded.isEmpty() || !edgesRemoved.isEmpty()
                || !networksChanged.isEmpty() || nodesChanged.stream().anyMatch(NodeChange::affectsNetwork);
    }
}
