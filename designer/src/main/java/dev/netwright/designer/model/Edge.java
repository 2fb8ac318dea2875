package dev.netwright.designer.model;

import java.util.Objects;

/**
 * A connection from one node's output to an input port of another node. Port 0 is the only port of single-input
 * layers; merge layers ({@code Add}, {@code Multiply}, {@code Concatenate}) take their inputs in port order.
 */
public record Edge(String from, String to, int toPort) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public Edge(String from, String to) {
        this(from, to, 0);
    }
}
