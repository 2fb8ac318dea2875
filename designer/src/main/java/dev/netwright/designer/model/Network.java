package dev.netwright.designer.model;

import java.util.List;
import java.util.Objects;

/** A named sub-graph of a GAN design ({@code generator} or {@code discriminator}): the ids of its nodes. */
public record Network(String name, List<String> nodeIds) {
    public static final String GENERATOR = "generator";
    public static final String DISCRIMINATOR = "discriminator";

    public Network {
        Objects.requireNonNull(name, "name");
        nodeIds = List.copyOf(nodeIds);
    }
}
