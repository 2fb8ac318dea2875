package dev.netwright.designer.model;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network design: a directed acyclic graph of layer nodes. A supervised design has no networks (the whole graph
 * is one network); a GAN design lists two networks, {@code generator} and {@code discriminator}, whose nodes
 * partition the graph. The generator's {@code Input} is the latent input. {@code blocks} carries the definitions of
 * the blocks its instance nodes use (built-in blocks need not be carried).
 */
public record Design(String name, String description, List<Node> nodes, List<Edge> edges, List<Network> networks,
                     List<BlockDefinition> blocks) {
    public static final String FORMAT = "netwright-design/1";

    public Design {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        networks = networks == null ? List.of() : List.copyOf(networks);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    public Design(String name, String description, List<Node> nodes, List<Edge> edges, List<Network> networks) {
        this(name, description, nodes, edges, networks, List.of());
    }

    /** True when some node is a block instance: consumers then work on the expansion. */
    public boolean hasBlockInstances() {
        return nodes.stream().anyMatch(BlockInstance::isInstance);
    }

    public Design withBlocks(List<BlockDefinition> newBlocks) {
        return new Design(name, description, nodes, edges, networks, newBlocks);
    }

    public boolean isGan() {
        return !networks.isEmpty();
    }

    public Optional<Node> node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public Optional<Network> network(String networkName) {
        return networks.stream().filter(n -> n.name().equals(networkName)).findFirst();
    }

    /** Ids of the nodes whose weights fine-tuning keeps fixed. */
    public java.util.Set<String> frozenNodeIds() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        nodes.stream().filter(Node::frozen).forEach(n -> ids.add(n.id()));
        return java.util.Collections.unmodifiableSet(ids);
    }

    public Design withNodes(List<Node> newNodes) {
        return new Design(name, description, newNodes, edges, networks, blocks);
    }

    public Design withEdges(List<Edge> newEdges) {
        return new Design(name, description, nodes, newEdges, networks, blocks);
    }

    public Design withName(String newName) {
        return new Design(newName, description, nodes, edges, networks, blocks);
    }
}
