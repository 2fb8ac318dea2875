package dev.netwright.frontend.designer.session;

/** A node dragged to a new canvas position. */
public record Move(String nodeId, double x, double y) {
}
