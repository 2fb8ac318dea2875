package dev.netwright.frontend.designer.stored;

import dev.netwright.designer.model.Design;

/** What the stored-design logic needs from the designer view, and nothing more. */
public interface DesignHost {
    Design current();

    /** Increases with every edit; equal revisions mean no edit in between. */
    long revision();

    /** Shows a design as a fresh start: no undo back into what was there before. */
    void load(Design design);

    /**
     * Shows a stored design's live working state as a fresh start, its edits going through {@code live} from now on.
     */
    void loadLive(Design working, dev.netwright.frontend.designer.live.LiveEditing live);

    /** Marks nodes with a diff (null for none) and switches editing off or on. */
    void present(DiffMarks marks, boolean readOnly);
}
