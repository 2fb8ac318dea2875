package dev.netwright.designer.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network design: a directed acyclic graph of layer nodes. A supervised design has no networks (the whole graph
 * is one network); a GAN design lists two networks, {@code generator} and {@code discriminator}, whose nodes
 * partition the graph. The generator's {@code Input} is the latent input.
 */
public record Design(String name, String description, List<Node> nodes, List<Edge> edges, List<Network> networks) {
    public static final String FORMAT = "netwright-design/1";

    public Design {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        networks = networks == null ? List.of() : List.copyOf(networks);
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

    public Design withNodes(List<Node> newNodes) {
        return new Design(name, description, newNodes, edges, networks);
    }

    public Design withEdges(List<Edge> newEdges) {
        return new Design(name, description, nodes, newEdges, networks);
    }

    public Design withName(String newName) {
        return new Design(newName, description, nodes, edges, networks);
    }
}
