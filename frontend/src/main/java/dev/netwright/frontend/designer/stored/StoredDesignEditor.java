package dev.netwright.frontend.designer.stored;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.design.DesignVersionFeed;
import dev.netwright.backend.design.DesignViews;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.backend.coedit.LiveDesignFeed;
import dev.netwright.backend.coedit.LiveDesignService;
import dev.netwright.backend.coedit.LiveViews;
import dev.netwright.frontend.designer.live.LiveEditing;
import dev.netwright.frontend.designer.session.LayerRanges;
import dev.netwright.frontend.ui.UiErrors;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.http.HttpStatus;

/**
 * Opening, saving, history, restore and diff of a stored design inside the designer. Saves are compare-and-set on
 * the loaded version; a stale save becomes the conflict choice, never an overwrite. The canvas shows the design's
 * live working state, shared with everyone who has it open ({@link LiveEditing}); a save makes a version of it.
 */
public final class StoredDesignEditor {
    private final DesignService designs;
    private final WorkspaceAccess access;
    private final DesignVersionFeed events;
    private final DesignJson json;
    private final AppUser user;
    private final DesignHost host;
    private final Consumer<UUID> openDesign;
    private final StoredControls controls = new StoredControls(this::askSave, this::openHistory);
    private final Div banner = new Div();
    private final LayerRanges ranges = new LayerRanges();
    private StoredDesign stored;
    /**
     * The version this tab itself last opened, saved or restored: a save tells of the versions co-editors saved
     * since (the label follows their saves, {@link #followCoSave}).
     */
    private int ownVersion;
    private long savedRevision;
    private Design stash;
    private boolean stashUnsaved;
    private DesignVersionFeed.Subscription subscription;
    private final LiveDesignService liveDesigns;
    private final LiveDesignFeed liveFeed;
    private final LiveEditing.Listener liveListener;
    private LiveEditing live;
    private UI ui;

    public StoredDesignEditor(DesignService designs, WorkspaceAccess access, DesignVersionFeed events, DesignJson json,
                              AppUser user, DesignHost host, Consumer<UUID> openDesign, LiveDesignService liveDesigns,
                              LiveDesignFeed liveFeed, LiveEditing.Listener liveListener) {
        this.liveDesigns = liveDesigns;
        this.liveFeed = liveFeed;
        this.liveListener = liveListener;
        this.designs = designs;
        this.access = access;
        this.events = events;
        this.json = json;
        this.user = user;
        this.host = host;
        this.openDesign = openDesign;
        banner.addClassName("nw-banner");
        banner.getElement().setAttribute("data-testid", "diff-banner");
        banner.setVisible(false);
    }

    public StoredControls controls() {
        return controls;
    }

    public Div banner() {
        return banner;
    }

    public boolean readOnly() {
        return stored != null && (!stored.canEdit() || stash != null);
    }

    /** Loads the latest version; throws the service's ApiException (404) for unknown or foreign designs. */
    public void open(UUID designId) {
        DesignViews.Detail detail = designs.get(user, designId, null);
        Role role = access.requireProject(user.id(), detail.design().projectId(), Role.VIEWER).role();
        if (stored != null && !stored.id().equals(designId)) {
            ranges.clear();
        }
        if (live != null) {
            live.detach();
        }
        live = new LiveEditing(liveDesigns, liveFeed, user, designId, liveListener);
        stored = new StoredDesign(designId, detail.design().projectId(), detail.design().name(),
                detail.version().number(), role);
        showWorking(live.open(), detail);
        if (ui != null) {
            live.attach(ui);
        }
    }

    /** The live link of the open stored design (null in the scratch designer). */
    public LiveEditing live() {
        return live;
    }

    /** Whether an old version is shown for its changes (the working state waits aside). */
    public boolean previewing() {
        return stash != null;
    }

    /**
     * Shows the working state. Its version is the one it started from (older than the latest when it holds edits
     * made on an older version: the next save is then checked against the newer one); it is unsaved when it differs
     * from that version.
     */
    private void showWorking(LiveViews.State state, DesignViews.Detail latest) {
        stash = null;
        banner.setVisible(false);
        DesignViews.Detail base = state.fromVersion() == latest.version().number() ? latest
                : designs.get(user, stored.id(), state.fromVersion());
        stored = stored.at(state.fromVersion());
        ownVersion = stored.version();
        host.loadLive(state.design(), live);
        savedRevision = state.design().equals(parse(base.content())) ? host.revision() : -1;
        host.present(null, !stored.canEdit());
        refreshControls();
    }

    /** Sweep ranges chosen for this design's layer parameters while it is open (never saved with it). */
    public LayerRanges ranges() {
        return ranges;
    }

    public StoredDesign stored() {
        return stored;
    }

    /** The workspace of the open stored design, for reading its block library. */
    public UUID workspace() {
        return access.requireProject(user.id(), stored.projectId(), Role.VIEWER).workspaceId();
    }

    /** The workspace of the open stored design, checking the user may edit in it (for its block library). */
    public UUID editableWorkspace() {
        return access.requireProject(user.id(), stored.projectId(), Role.EDITOR).workspaceId();
    }

    /** Called after every render so the version label knows about unsaved edits. */
    public void refreshControls() {
        if (stored != null) {
            controls.show(stored, host.revision() != savedRevision && stash == null, stash != null);
        }
    }

    public void attach(UI ui) {
        this.ui = ui;
        if (stored == null) {
            return;
        }
        live.attach(ui);
        // Every save reaches every open editor, this one's own included: only versions newer than ours are news.
        subscription = events.subscribe(stored.id(), e -> ui.access(() -> {
            if (stored != null && e.version() > stored.version()) {
                announce(e);
            }
        }));
    }

    public void detach() {
        ui = null;
        if (live != null) {
            live.detach();
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Stored versions were read and checked when saved, so failing to read one again is a defect, not input. */
    private Design parse(tools.jackson.databind.JsonNode content) {
        try {
            return json.read(content.toString());
        } catch (dev.netwright.designer.format.DesignFormatException e) {
            throw new IllegalStateException("stored design version cannot be read: " + e.getMessage(), e);
        }
    }

    private void askSave() {
        new SaveDialog(stored.version(), this::save).open();
    }

    /** Whether the canvas holds edits not saved as a version (previewing an old version does not count). */
    public boolean unsaved() {
        return stored != null && stash == null && host.revision() != savedRevision;
    }

    /**
     * Saves the shared working state (what the canvas shows) as a new version with {@code message}; answers its
     * number, or empty when it was not saved (a stale save or a refusal, already shown to the user). A version a
     * co-editor saved from the same working state meanwhile is no conflict: the user is told, and theirs follows it.
     * A version saved elsewhere (the REST API) while this working state held older edits is: reload it or keep
     * these edits as a copy.
     */
    public java.util.OptionalInt save(String message) {
        Design mine = host.current();
        try {
            LiveViews.SavedVersion s = live.saveVersion(ownVersion, message);
            DesignViews.Saved saved = s.saved();
            stored = stored.at(saved.version().number());
            ownVersion = stored.version();
            savedRevision = host.revision();
            refreshControls();
            String meanwhile = s.meanwhile().isEmpty() ? "" : ". Meanwhile " + String.join(" and ", s.meanwhile()
                    .stream().map(v -> v.author() + " saved version " + v.version()).toList())
                    + " of the design you are editing together: yours follows it";
            UiErrors.success("Saved version " + stored.version()
                    + (saved.version().valid() ? "" : " (it still has " + saved.version().errorCount()
                    + (saved.version().errorCount() == 1 ? " error)" : " errors)")) + meanwhile);
            return java.util.OptionalInt.of(stored.version());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.CONFLICT && e.properties().get("currentVersion")
                    instanceof DesignViews.Version current) {
                new ConflictDialog(stored.version(), current, this::reloadLatest,
                        () -> saveAsNew(mine, message)).open();
            } else {
                UiErrors.show(e);
            }
            return java.util.OptionalInt.empty();
        }
    }

    /** Loads the latest version into the shared working state: everyone editing sees it (their choice, visibly). */
    private void reloadLatest() {
        UiErrors.attempt(() -> {
            DesignViews.Detail detail = designs.get(user, stored.id(), null);
            stored = stored.at(detail.version().number());
            if (stored.canEdit()) {
                live.replace(parse(detail.content()), detail.version().number());
            }
            showWorking(live.current(), detail);
        });
    }

    private void saveAsNew(Design mine, String message) {
        UiErrors.attempt(() -> {
            String name = stored.name() + " (" + user.username() + ")";
            // the copy's own content carries the new name too: the toolbar shows the name inside the design
            String renamed = json.write(mine.withName(name));
            var created = designs.create(user, stored.projectId(), name, new DesignService.Source.Imported(renamed),
                    message == null || message.isBlank() ? "kept as a new design after a conflicting save" : message);
            UiErrors.success("Your changes are now the design '" + name + "'");
            openDesign.accept(created.designId());
        });
    }

    private void openHistory() {
        UiErrors.attempt(() -> new HistoryDialog(designs.history(user, stored.id(), 200, 0), stored.canEdit(),
                new HistoryDialog.Actions() {
                    @Override
                    public void showChanges(int version) {
                        StoredDesignEditor.this.showChanges(version);
                    }

                    @Override
                    public void restore(int version) {
                        StoredDesignEditor.this.restore(version);
                    }
                }).open());
    }

    /** Shows a version read-only with what it changed from the one before; the edits in progress wait aside. */
    private void showChanges(int version) {
        UiErrors.attempt(() -> {
            DesignViews.Diff diff = designs.diff(user, stored.id(), version - 1, version);
            Design shown = parse(designs.get(user, stored.id(), version).content());
            if (stash == null) {
                stash = host.current();
                stashUnsaved = host.revision() != savedRevision;
            }
            host.load(shown);
            DiffMarks marks = DiffMarks.of(version - 1, version, diff.changes());
            host.present(marks, true);
            Button back = new Button("Back to editing", e -> backToEditing());
            back.getElement().setAttribute("data-testid", "back-to-editing");
            banner.removeAll();
            banner.add(new Span(marks.summary()), back);
            banner.setVisible(true);
            refreshControls();
        });
    }

    /** Back to the working state as it is now (others may have edited it meanwhile). */
    private void backToEditing() {
        Design working = live.current().design();
        boolean changedMeanwhile = !working.equals(stash);
        stash = null;
        banner.setVisible(false);
        host.loadLive(working, live);
        savedRevision = stashUnsaved || changedMeanwhile ? -1 : host.revision();
        host.present(null, !stored.canEdit());
        refreshControls();
    }

    private void restore(int version) {
        UiErrors.attempt(() -> {
            // a live edit of the shared state, saved after whatever version is the latest (a co-editor's save
            // meanwhile included): never refused as stale because this tab had not heard of that save yet
            DesignViews.Saved saved = live.restore(version);
            stored = stored.at(saved.version().number());
            showWorking(live.current(), designs.get(user, stored.id(), saved.version().number()));
            UiErrors.success("Restored version " + version + " as version " + stored.version());
        });
    }

    /**
     * A co-editor saved the shared working state as {@code version}: that is this tab's version now (the label and
     * the next save's "meanwhile" follow it), and the canvas counts as saved when it shows what was saved.
     */
    private void followCoSave(int version) {
        Design saved = parse(designs.get(user, stored.id(), version).content());
        // the edits saved may not have reached this tab yet (the save's notice can come first): shown before comparing
        live.catchUp();
        stored = stored.at(version);
        if (stash != null) {
            stashUnsaved = !stash.equals(saved);
        } else {
            savedRevision = host.current().equals(saved) ? host.revision() : -1;
        }
        refreshControls();
    }

    /**
     * Another member saved: say who. A version saved from the shared working state is what everyone is editing
     * already (loading it would take back the edits made since); one saved elsewhere is offered for loading (the
     * next save here would otherwise be stale).
     */
    private void announce(DesignVersionFeed.VersionSaved e) {
        if (live.savedFromWorkingState(e.version())) {
            followCoSave(e.version());
            Notification n = Notification.show(e.author() + " saved version " + e.version() + " of the design you are"
                    + " editing together" + (e.message().isBlank() ? "" : ": " + e.message()), 8000,
                    Notification.Position.BOTTOM_START);
            n.getElement().setAttribute("data-testid", "version-saved-notice");
            return;
        }
        Notification n = new Notification();
        n.addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        // bottom left, over the canvas's empty corner: at the top it covered the toolbar's Sweep and Train buttons
        n.setPosition(Notification.Position.BOTTOM_START);
        n.setDuration(15_000);
        n.getElement().setAttribute("data-testid", "version-saved-notice");
        Button load = new Button("Load it", ev -> {
            n.close();
            reloadLatest();
        });
        Button close = new Button("Dismiss", ev -> n.close());
        n.add(new Span(e.author() + " saved version " + e.version() + " of this design"
                + (e.message().isBlank() ? "" : ": " + e.message()) + " "), load, close);
        n.open();
    }
}
