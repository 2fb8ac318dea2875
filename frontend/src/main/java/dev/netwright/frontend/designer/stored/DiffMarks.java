package dev.netwright.frontend.designer.stored;

import dev.netwright.designer.diff.DesignDiff;
import dev.netwright.designer.diff.NodeChange;
import dev.netwright.designer.model.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A version diff as marks on the newer version's nodes. Removed nodes are not on that canvas, so they are listed
 * by id in the banner instead.
 */
public record DiffMarks(int from, int to, Map<String, String> marks, List<String> removed) {

    public static DiffMarks of(int from, int to, DesignDiff diff) {
        Map<String, String> marks = new LinkedHashMap<>();
        diff.nodesAdded().forEach(n -> marks.put(n.id(), "added"));
        // layout-only moves are not worth a reviewer's attention
        diff.nodesChanged().stream().filter(c -> c.typeChanged() || !c.params().isEmpty()).map(NodeChange::nodeId)
                .forEach(id -> marks.putIfAbsent(id, "changed"));
        return new DiffMarks(from, to, Map.copyOf(marks), diff.nodesRemoved().stream().map(Node::id).toList());
    }

    public String summary() {
        long added = marks.values().stream().filter("added"::equals).count();
        long changed = marks.size() - added;
        return "Changes from version " + from + " to " + to + ": " + added + " added (green), " + changed
                + " changed (amber), " + (removed.isEmpty() ? "none removed" : "removed " + String.join(", ", removed));
    }
}
