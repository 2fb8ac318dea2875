package dev.netwright.frontend.designer.session;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.designer.coedit.PatchDiff;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The design one browser tab is editing: the current immutable design, its analysis, undo/redo history and the
 * clipboard. Every change re-runs the analyzer, so the canvas always shows what the server-side designer says.
 * Live (a stored design shared with other editors), every edit goes to the shared working state as a patch and the
 * design becomes what the server answers; undo and redo then take back this tab's own patches only, as new edits.
 * Not thread-safe: Vaadin calls it under the session lock.
 */
public final class DesignSession {

    /** Where a live session's edits go: the server orders and applies them and answers the resulting design. */
    public interface Sync {
        Synced submit(DesignPatch patch);
    }

    /** The shared design after an edit, and what of the edit took effect (its inverse is the undo). */
    public record Synced(Design design, DesignPatch applied) {
    }

    private static final int LIVE_HISTORY_LIMIT = 200;
    private Sync sync;
    private final Deque<DesignPatch> undoPatches = new ArrayDeque<>();
    private final Deque<DesignPatch> redoPatches = new ArrayDeque<>();
    private final DesignAnalyzer analyzer;
    private final DesignHistory history = new DesignHistory();
    private final DesignEdits edits;
    private Design design;
    private Analysis analysis;
    private Clip clip = new Clip(List.of(), List.of(), java.util.Map.of());
    private int pasteCount;
    private long revision;

    public DesignSession(LayerCatalog catalog, Design initial) {
        this.analyzer = new DesignAnalyzer(catalog);
        this.edits = new DesignEdits(catalog);
        this.design = initial;
        this.analysis = analyzer.analyze(initial);
    }

    public static Design blank() {
        return new Design("Untitled design", "", List.of(), List.of(), List.of());
    }

    public Design design() {
        return design;
    }

    public Analysis analysis() {
        return analysis;
    }

    public DesignEdits edits() {
        return edits;
    }

    /** Increases with every change; the canvas uses it to tell a fresh state from a repeated one. */
    public long revision() {
        return revision;
    }

    /** From now on edits go through {@code to} (a live stored design); the local history starts empty. */
    public void goLive(Sync to) {
        sync = to;
        undoPatches.clear();
        redoPatches.clear();
    }

    public boolean live() {
        return sync != null;
    }

    /** Another editor changed the shared design: shown as it is, with this tab's undo history kept. */
    public void remote(Design shared) {
        if (!shared.equals(design)) {
            set(shared);
        }
    }

    /** Applies an edit as one undoable step; an edit that changes nothing records nothing. */
    public boolean apply(UnaryOperator<Design> edit) {
        Design next = edit.apply(design);
        if (next.equals(design)) {
            return false;
        }
        if (sync != null) {
            Synced r = sync.submit(PatchDiff.between(design, next));
            remote(r.design());
            if (r.applied().isEmpty()) {
                return false;
            }
            push(undoPatches, r.applied());
            redoPatches.clear();
            return true;
        }
        history.recordBefore(design);
        set(next);
        return true;
    }

    /**
     * Live: sends ops as they are, for gestures the pure edits cannot express against this tab's copy (a move of a
     * layer another editor has just deleted): the server then applies them or reports them, never a silent no-op.
     */
    public boolean submit(DesignPatch patch) {
        if (sync == null) {
            throw new IllegalStateException("only a live session sends ops");
        }
        Synced r = sync.submit(patch);
        remote(r.design());
        if (r.applied().isEmpty()) {
            return false;
        }
        push(undoPatches, r.applied());
        redoPatches.clear();
        return true;
    }

    /**
     * A change of positions that goes with a change of the view (room made around a block expanded in place): shared
     * like any edit, but no undo step, since taking it back alone would put layers under the still expanded frame.
     */
    public void arrange(UnaryOperator<Design> change) {
        Design next = change.apply(design);
        if (next.equals(design)) {
            return;
        }
        if (sync != null) {
            remote(sync.submit(PatchDiff.between(design, next)).design());
        } else {
            set(next);
        }
    }

    /**
     * Live: an edit of this tab that the server computed from the shared state itself (Make block): shown, and
     * undoable like the tab's other edits.
     */
    public void adopt(Synced r) {
        if (sync == null) {
            throw new IllegalStateException("only a live session adopts the server's edits");
        }
        remote(r.design());
        if (!r.applied().isEmpty()) {
            push(undoPatches, r.applied());
            redoPatches.clear();
        }
    }

    private static void push(Deque<DesignPatch> stack, DesignPatch patch) {
        stack.push(patch);
        if (stack.size() > LIVE_HISTORY_LIMIT) {
            stack.removeLast();
        }
    }

    /** Live: sends the inverse of this tab's last patch (whatever others did since stays, by the usual rules). */
    private boolean takeBack(Deque<DesignPatch> from, Deque<DesignPatch> to) {
        if (from.isEmpty()) {
            return false;
        }
        Synced r = sync.submit(from.pop().inverse());
        remote(r.design());
        if (!r.applied().isEmpty()) {
            push(to, r.applied());
        }
        return true;
    }

    public boolean undo() {
        if (sync != null) {
            return takeBack(undoPatches, redoPatches);
        }
        return history.undo(design).map(d -> {
            set(d);
            return true;
        }).orElse(false);
    }

    public boolean redo() {
        if (sync != null) {
            return takeBack(redoPatches, undoPatches);
        }
        return history.redo(design).map(d -> {
            set(d);
            return true;
        }).orElse(false);
    }

    public boolean canUndo() {
        return sync != null ? !undoPatches.isEmpty() : history.canUndo();
    }

    public boolean canRedo() {
        return sync != null ? !redoPatches.isEmpty() : history.canRedo();
    }

    public void copy(List<String> nodeIds) {
        Clip c = edits.copy(design, nodeIds);
        if (!c.isEmpty()) {
            clip = c;
            pasteCount = 0;
        }
    }

    public boolean hasClip() {
        return !clip.isEmpty();
    }

    /** Pastes the clipboard, each paste a little further down-right so copies do not hide each other. */
    public List<String> paste() {
        if (clip.isEmpty()) {
            return List.of();
        }
        pasteCount++;
        DesignEdits.Result r = edits.paste(design, clip, 40.0 * pasteCount, 40.0 * pasteCount);
        apply(d -> r.design());
        return r.createdIds();
    }

    private void set(Design next) {
        design = next;
        analysis = analyzer.analyze(next);
        revision++;
    }
}
