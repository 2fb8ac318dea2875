package dev.netwright.designer.block;

import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a reusable block: a sub-graph with named input ports, one output and exposed parameters.
 * Inner edges whose {@code from} is an input port name carry the instance's input at that port (the port's index
 * in {@code inputs} is the instance's {@code toPort}); {@code output} is the inner node whose output is the
 * instance's output. Inner nodes may themselves be block instances.
 */
public record BlockDefinition(String name, int version, String description, List<String> inputs, String output,
                              List<BlockParam> params, List<Node> nodes, List<Edge> edges) {
    public BlockDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(output, "output");
        description = description == null ? "" : description;
        inputs = List.copyOf(inputs);
        params = List.copyOf(params);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        if (version < 1) {
            throw new IllegalArgumentException("block versions start at 1, got " + version);
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("block '" + name + "' needs at least one input port");
        }
    }

    public BlockRef ref() {
        return new BlockRef(name, version);
    }

    public Optional<BlockParam> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    /** The same block as another version (what a library stores when a block is edited). */
    public BlockDefinition withVersion(int newVersion) {
        return new BlockDefinition(name, newVersion, description, inputs, output, params, nodes, edges);
    }
}
