package dev.netwright.frontend.designer;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import java.util.List;

/**
 * What the user has selected on the canvas, and what this side asks the canvas to select: a request is sent with a
 * new sequence number so the canvas applies it once, while the canvas's own selection only flows back.
 */
final class Selection {
    private List<String> ids = List.of();
    private List<String> request = List.of();
    private long seq;
    /**
     * The selected layer another editor deleted: the panel keeps showing it until the user selects something else,
     * so a change typed into it meanwhile still reaches the server, which reports it (never dropped with the panel).
     */
    private Node orphan;

    List<String> ids() {
        return ids;
    }

    List<String> request() {
        return request;
    }

    long seq() {
        return seq;
    }

    Node orphan() {
        return orphan;
    }

    /** Selects layers made or renamed here, on the canvas too (nothing to select leaves the selection as it is). */
    void select(List<String> nodeIds) {
        if (nodeIds.isEmpty()) {
            return;
        }
        ids = List.copyOf(nodeIds);
        request = ids;
        seq++;
    }

    /** The user selected these on the canvas. */
    void picked(List<String> nodeIds) {
        orphan = null;
        ids = List.copyOf(nodeIds);
    }

    /** Nothing selected, on the canvas too; a layer deleted by another editor stays in the panel. */
    void clear() {
        ids = List.of();
        request = List.of();
        seq++;
    }

    /** Nothing selected and nothing kept in the panel: a new design. */
    void reset() {
        orphan = null;
        clear();
    }

    void orphaned(Node node) {
        orphan = node;
    }

    void renamed(String oldId, String newId) {
        ids = ids.stream().map(id -> id.equals(oldId) ? newId : id).toList();
        select(ids);
    }

    /** Forgets layers that are gone from the design. */
    void prune(Design design) {
        ids = ids.stream().filter(id -> design.node(id).isPresent()).toList();
    }
}
