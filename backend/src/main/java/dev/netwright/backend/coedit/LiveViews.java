package dev.netwright.backend.coedit;

import dev.netwright.backend.design.DesignViews;
import dev.netwright.designer.coedit.Conflict;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.designer.model.Design;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the live co-editing service answers. */
public final class LiveViews {
    private LiveViews() {
    }

    /**
     * The shared working state of a design.
     *
     * @param seq         the number of the last edit applied (0: none since the state was made from a version)
     * @param fromVersion the saved version this working state started from (or was last saved as)
     * @param canEdit     whether the caller may send edits (editors and owners; viewers watch)
     */
    public record State(UUID designId, long seq, Design design, int fromVersion, boolean canEdit) {
    }

    /**
     * The outcome of one patch.
     *
     * @param seq       the edit's place in the design's order (unchanged when nothing applied)
     * @param design    the working state after it
     * @param applied   what took effect (its inverse is the author's undo)
     * @param conflicts what did not apply as meant, for the author
     */
    public record Submitted(long seq, Design design, DesignPatch applied, List<Conflict> conflicts) {
        public Submitted {
            conflicts = List.copyOf(conflicts);
        }
    }

    /** One edit in a design's op log. */
    public record LoggedEdit(long seq, String author, UUID clientId, DesignPatch applied, List<Conflict> conflicts,
                             OffsetDateTime at) {
        public LoggedEdit {
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * A version saved from the shared working state.
     *
     * @param meanwhile versions co-editors saved from it since the latest one the saver knew of, oldest first
     */
    public record SavedVersion(DesignViews.Saved saved, List<CoSave> meanwhile) {
        public SavedVersion {
            meanwhile = List.copyOf(meanwhile);
        }
    }

    /** A version a co-editor saved. */
    public record CoSave(int version, String author) {
    }
}
