package dev.netwright.designer.model;

/** Where a node sits on the canvas (canvas pixels); has no effect on the network. */
public record Position(double x, double y) {
    public static final Position ORIGIN = new Position(0, 0);
}
