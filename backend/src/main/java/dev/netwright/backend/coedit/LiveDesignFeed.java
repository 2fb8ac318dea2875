package dev.netwright.backend.coedit;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Edits and presence of live designs as they happen, from every app instance (PostgreSQL NOTIFY): who has a design
 * open, which layers each has selected, and that an edit was applied (subscribers then read the new state).
 */
public interface LiveDesignFeed {

    sealed interface Event {
        UUID designId();
    }

    /** Edit {@code seq} was applied by the designer tab {@code clientId}. */
    record Edited(UUID designId, long seq, UUID clientId) implements Event {
    }

    /** The roster of the design changed (someone came, left or selected other layers): read {@link #roster}. */
    record RosterChanged(UUID designId) implements Event {
    }

    /**
     * One designer tab with the design open.
     *
     * @param clientId  the tab (a user may have several)
     * @param user      the user's name, as shown to the others
     * @param selection the layers selected there
     * @param canEdit   editors edit, viewers watch
     */
    record Presence(UUID designId, UUID clientId, String user, List<String> selection, boolean canEdit) {
        public Presence {
            selection = List.copyOf(selection);
        }
    }

    /** Calls {@code listener} (on a feed thread) for each event of the design from now on. */
    Subscription subscribe(UUID designId, Consumer<Event> listener);

    /** Announces (or updates) a tab's presence to every instance; it is repeated until {@link #leave}. */
    void announce(Presence presence);

    void leave(UUID designId, UUID clientId);

    /** The tabs that have the design open now, on any instance, in the order they came. */
    List<Presence> roster(UUID designId);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
