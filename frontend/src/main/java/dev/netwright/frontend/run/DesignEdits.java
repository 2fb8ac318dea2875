package dev.netwright.frontend.run;

import java.util.OptionalInt;

/**
 * What the designer tells the launch dialog about its canvas: whether it holds edits that are not saved yet, and how
 * to save them. A run always trains a saved version, so the dialog must say which one and offer to save first.
 *
 * @param unsaved whether the canvas differs from the version it was loaded from or last saved as
 * @param save    saves the canvas with a message; answers the new version, or empty when the save did not happen
 *                (the designer has already told the user why, e.g. a conflicting save)
 */
public record DesignEdits(boolean unsaved, Saver save) {

    /** Saves the canvas as a new version. */
    @FunctionalInterface
    public interface Saver {
        OptionalInt save(String message);
    }
}
