package dev.netwright.frontend.designer.live;

import com.vaadin.flow.component.UI;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.coedit.LiveBlockService;
import dev.netwright.backend.coedit.LiveDesignFeed;
import dev.netwright.backend.coedit.LiveDesignService;
import dev.netwright.backend.coedit.LiveViews;
import dev.netwright.backend.security.AppUser;
import dev.netwright.designer.coedit.Conflict;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.designer.model.Design;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.ui.UiErrors;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One designer tab's link to a design's shared working state: sends the tab's edits (as patches) to the service,
 * hears of everyone else's through the live feed and reads the new state, and keeps the tab's presence (who, which
 * layers selected) known to the others. Called under the Vaadin session lock, except the feed's callbacks, which
 * hand over to the UI with {@code ui.access}.
 */
public final class LiveEditing implements DesignSession.Sync {

    /** What the designer does with what others did. */
    public interface Listener {
        /** Another tab changed the shared design. */
        void remote(Design shared);

        /** Who else has the design open changed (or what they selected). */
        void roster(List<LiveDesignFeed.Presence> others);

        /** An edit of this tab did not apply as meant: tell the user. */
        void conflicts(List<Conflict> conflicts);
    }

    private final LiveDesignService service;
    private final LiveDesignFeed feed;
    private final AppUser user;
    private final UUID designId;
    private final Listener listener;
    private final UUID clientId = UUID.randomUUID();
    private static final int CATCH_UP_MILLIS = 2000;

    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private long seq;
    private boolean canEdit;
    private List<String> selection = List.of();
    private LiveDesignFeed.Subscription subscription;
    private com.vaadin.flow.shared.Registration catchUp;
    private UI attachedTo;

    public LiveEditing(LiveDesignService service, LiveDesignFeed feed, AppUser user, UUID designId,
                       Listener listener) {
        this.service = service;
        this.feed = feed;
        this.user = user;
        this.designId = designId;
        this.listener = listener;
    }

    public UUID designId() {
        return designId;
    }

    /** The working state (made from the latest version the first time anyone opens the design). */
    public LiveViews.State open() {
        LiveViews.State s = service.open(user, designId);
        seq = s.seq();
        canEdit = s.canEdit();
        return s;
    }

    /** The working state as it is now. */
    public LiveViews.State current() {
        LiveViews.State s = service.current(user, designId);
        seq = Math.max(seq, s.seq());
        return s;
    }

    @Override
    public DesignSession.Synced submit(DesignPatch patch) {
        try {
            LiveViews.Submitted s = service.submit(user, designId, clientId, patch);
            seq = Math.max(seq, s.seq());
            if (!s.conflicts().isEmpty()) {
                listener.conflicts(s.conflicts());
            }
            return new DesignSession.Synced(s.design(), s.applied());
        } catch (ApiException e) {
            // refused (a viewer, a design grown past its cap): shown, and the tab shows the shared state again
            UiErrors.show(e);
            return new DesignSession.Synced(current().design(), DesignPatch.EMPTY);
        }
    }

    /** Loads {@code design} into the working state as one edit everyone sees (a saved version, a restore). */
    public Design replace(Design design, int version) {
        LiveViews.Submitted s = service.replace(user, designId, clientId, design, version);
        seq = Math.max(seq, s.seq());
        return s.design();
    }

    /**
     * Saves the shared working state as the next version; {@code seenVersion} is the latest this tab knew of, so
     * the answer can name the versions co-editors saved meanwhile. Throws the service's 409 for a stale save.
     */
    public LiveViews.SavedVersion saveVersion(int seenVersion, String message) {
        return service.saveVersion(user, designId, seenVersion, message);
    }

    /** Restores {@code version} as the next version and as a live edit everyone sees; answers the new version. */
    public dev.netwright.backend.design.DesignViews.Saved restore(int version) {
        return service.restore(user, designId, clientId, version, null);
    }

    /**
     * Makes a block of {@code layers} from the shared state as it is now, with its library block, as one edit of
     * this tab (see {@link LiveBlockService}); {@code seen} is what the tab showed. Throws the service's refusals.
     */
    public LiveBlockService.Made makeBlock(LiveBlockService blocks, Design seen, List<String> layers, String name,
                                           String description, String message) {
        LiveBlockService.Made made = blocks.makeBlock(user, designId, clientId, seen, layers, name, description,
                message);
        seq = Math.max(seq, made.submitted().seq());
        return made;
    }

    /** Whether {@code version} was saved from this shared working state (by anyone editing it live). */
    public boolean savedFromWorkingState(int version) {
        return service.savedFromWorkingState(user, designId, version);
    }

    /** The layers this tab has selected, shown to the others. */
    public void select(List<String> nodeIds) {
        if (!nodeIds.equals(selection)) {
            selection = List.copyOf(nodeIds);
            announce();
        }
    }

    public void attach(UI ui) {
        detach();
        subscription = feed.subscribe(designId, e -> {
            switch (e) {
                case LiveDesignFeed.Edited edited -> {
                    // this tab's own edits came back with the state already; several others' in a burst read it once
                    if (!edited.clientId().equals(clientId) && refreshPending.compareAndSet(false, true)) {
                        ui.access(() -> {
                            refreshPending.set(false);
                            catchUp();
                        });
                    }
                }
                case LiveDesignFeed.RosterChanged r -> ui.access(() -> listener.roster(others()));
            }
        });
        // A notification can be missed (the listening connection re-established, a burst while the tab's UI was
        // busy): every few seconds the tab also compares its state's sequence with the shared one and catches up.
        attachedTo = ui;
        ui.setPollInterval(CATCH_UP_MILLIS);
        catchUp = ui.addPollListener(e -> catchUp());
        announce();
        listener.roster(others());
    }

    /** Shows the shared state if it moved on without this tab hearing of it (yet). Under the UI lock. */
    public void catchUp() {
        LiveViews.State s = service.current(user, designId);
        if (s.seq() > seq) {
            seq = s.seq();
            listener.remote(s.design());
        }
    }

    public void detach() {
        if (catchUp != null) {
            catchUp.remove();
            catchUp = null;
            attachedTo.setPollInterval(-1);
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
            feed.leave(designId, clientId);
        }
    }

    /** The other tabs with this design open (this user's other tabs included). */
    public List<LiveDesignFeed.Presence> others() {
        return feed.roster(designId).stream().filter(p -> !p.clientId().equals(clientId)).toList();
    }

    private void announce() {
        feed.announce(new LiveDesignFeed.Presence(designId, clientId, user.username(), selection, canEdit));
    }
}
