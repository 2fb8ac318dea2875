package dev.netwright.frontend.designer.session;

import dev.netwright.designer.model.Design;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Undo/redo of whole designs. Designs are immutable, so a history entry is just the previous value. */
final class DesignHistory {
    private static final int LIMIT = 200;
    private final Deque<Design> undo = new ArrayDeque<>();
    private final Deque<Design> redo = new ArrayDeque<>();

    void recordBefore(Design previous) {
        undo.push(previous);
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
    }

    Optional<Design> undo(Design current) {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        redo.push(current);
        return Optional.of(undo.pop());
    }

    Optional<Design> redo(Design current) {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        undo.push(current);
        return Optional.of(redo.pop());
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }
}
