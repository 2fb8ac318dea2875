package dev.netwright.frontend.designer.session;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Marks layers frozen for fine-tuning. "Up to here" means the chosen layer and every layer that feeds it, directly
 * or not (the layers before it in topological order on its path from the input): those hold the pretrained
 * features, the layers after it (the head) train.
 */
public final class Freezing {

    /** The design with {@code nodeId} and all its ancestors frozen (other layers keep their mark). */
    public Design upTo(Design design, String nodeId) {
        if (design.node(nodeId).isEmpty()) {
            throw new IllegalArgumentException("no layer '" + nodeId + "' to freeze up to");
        }
        Set<String> chosen = ancestorsAndSelf(design, nodeId);
        return design.withNodes(design.nodes().stream()
                .map(n -> chosen.contains(n.id()) && !n.frozen() ? n.withFrozen(true) : n).toList());
    }

    /** The design with no layer frozen. */
    public Design none(Design design) {
        return design.withNodes(design.nodes().stream().map(n -> n.frozen() ? n.withFrozen(false) : n).toList());
    }

    private static Set<String> ancestorsAndSelf(Design design, String nodeId) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(nodeId);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (seen.add(id)) {
                for (Edge e : design.edges()) {
                    if (e.to().equals(id)) {
                        todo.add(e.from());
                    }
                }
            }
        }
        return seen;
    }

    /** How many layers are frozen. */
    public static long count(Design design) {
        return design.nodes().stream().filter(Node::frozen).count();
    }
}
