package dev.netwright.designer.coedit;

import java.util.Objects;

/**
 * An op that could not apply as its author meant, because another editor's op was ordered first. The author is
 * told (never a silent drop).
 *
 * @param kind   what got in the way
 * @param op     the author's op as sent
 * @param winner the value that stands instead: the other editor's parameter value or name, the layer already in the
 *               port, the id the new layer got instead ({@link Kind#ID_TAKEN}), the deleted layer's id
 */
public record Conflict(Kind kind, DesignOp op, Object winner) {
    public Conflict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(op, "op");
    }

    public enum Kind {
        /** The parameter (or design name) had been changed by someone else: their value stands. */
        VALUE_CHANGED,
        /** The layer the op concerns was deleted by someone else: the op was not applied. */
        NODE_DELETED,
        /** The input port had just been connected by someone else: their connection stands. */
        PORT_TAKEN,
        /** Someone else added a layer with the same id at the same time: this one got another id (it applied). */
        ID_TAKEN
    }

    /** Whether the op was dropped (every kind but an id change, which still applies under the new id). */
    public boolean dropped() {
        return kind != Kind.ID_TAKEN;
    }

    /** What the author is told, in words. */
    public String message() {
        return switch (op) {
            case DesignOp.SetParam p when kind == Kind.VALUE_CHANGED -> p.nodeId() + "." + p.param()
                    + " was changed by another editor first: it is " + show(winner) + " (your " + show(p.to())
                    + " was not applied)";
            case DesignOp.SetText t when kind == Kind.VALUE_CHANGED -> "the design's "
                    + t.field().name().toLowerCase(java.util.Locale.ROOT) + " was changed by another editor first: it is '"
                    + winner + "' (your '" + t.to() + "' was not applied)";
            case DesignOp.AddEdge e when kind == Kind.PORT_TAKEN -> "input " + e.edge().toPort() + " of "
                    + e.edge().to() + " was connected to " + winner + " by another editor first (your connection from "
                    + e.edge().from() + " was not made)";
            case DesignOp.AddNode a when kind == Kind.ID_TAKEN -> "another editor added a layer called "
                    + a.node().id() + " at the same time: yours is called " + winner;
            default -> "layer " + (winner == null ? op.nodeId() : winner) + " was deleted by another editor: your "
                    + describe(op)
                    + " was not applied";
        };
    }

    private static String describe(DesignOp op) {
        return switch (op) {
            case DesignOp.SetParam p -> "change of " + p.param() + " to " + show(p.to());
            case DesignOp.MoveNode m -> "move";
            case DesignOp.AddEdge e -> "connection " + e.edge().from() + " -> " + e.edge().to();
            default -> "edit";
        };
    }

    private static String show(Object v) {
        return v == null ? "the default" : String.valueOf(v);
    }
}
