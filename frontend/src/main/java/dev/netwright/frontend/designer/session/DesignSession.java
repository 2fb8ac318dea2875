package dev.netwright.frontend.designer.session;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The design one browser tab is editing: the current immutable design, its analysis, undo/redo history and the
 * clipboard. Every change re-runs the analyzer, so the canvas always shows what the server-side designer says.
 * Not thread-safe: Vaadin calls it under the session lock.
 */
public final class DesignSession {
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

    /** Applies an edit as one undoable step; an edit that changes nothing records nothing. */
    public boolean apply(UnaryOperator<Design> edit) {
        Design next = edit.apply(design);
        if (next.equals(design)) {
            return false;
        }
        history.recordBefore(design);
        set(next);
        return true;
    }

    public boolean undo() {
        return history.undo(design).map(d -> {
            set(d);
            return true;
        }).orElse(false);
    }

    public boolean redo() {
        return history.redo(design).map(d -> {
            set(d);
            return true;
        }).orElse(false);
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
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
