package dev.netwright.frontend.designer.session;

import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import java.util.List;
import java.util.Map;

/**
 * Copied layers: the nodes, the edges between them, and the network each belonged to (GAN designs), kept on the
 * server so a paste still works after the originals were deleted.
 */
public record Clip(List<Node> nodes, List<Edge> edges, Map<String, String> networkOf) {
    public Clip {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        networkOf = Map.copyOf(networkOf);
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }
}
