package dev.netwright.backend.coedit;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.design.DesignViews;
import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.coedit.Conflict;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.designer.coedit.PatchApplier;
import dev.netwright.designer.coedit.PatchDiff;
import dev.netwright.designer.coedit.PatchJson;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared working state of stored designs and the order of their edits. Every patch is applied in one
 * transaction holding the design's {@code design_live_state} row lock, so edits from any tab on any app instance
 * get one order ({@code seq}); the applied ops and the conflicts go to the op log, and NOTIFY tells every instance.
 * The working state is not a version: saving one stays the designer's explicit act.
 */
@Service
public class LiveDesignService {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final ResourceLimits limits;
    private final DesignService designs;
    private final DesignJson designJson = new DesignJson();
    private final PatchJson patchJson = new PatchJson(designJson);

    LiveDesignService(JdbcClient jdbc, WorkspaceAccess access, ResourceLimits limits, DesignService designs) {
        this.jdbc = jdbc;
        this.designs = designs;
        this.access = access;
        this.limits = limits;
    }

    public PatchJson patchJson() {
        return patchJson;
    }

    /**
     * The working state, made from the latest version the first time. A working state without edits since its
     * version follows newer versions saved elsewhere (the REST API); one with edits keeps them (never lost), and
     * its version base stays so the next save is checked against the newer version.
     */
    @Transactional
    public LiveViews.State open(AppUser user, UUID designId) {
        ProjectRef ref = require(user, designId, Role.VIEWER);
        Row row = lock(designId);
        int latest = jdbc.sql("SELECT latest_version FROM designs WHERE id = ?").param(designId).query(Integer.class)
                .single();
        if (row.fromVersion() < latest && row.design().equals(versionDesign(designId, row.fromVersion()))) {
            Design newer = versionDesign(designId, latest);
            PatchApplier.Result r = PatchApplier.apply(row.design(), PatchDiff.between(row.design(), newer));
            row = write(user, designId, new UUID(0, 0), row, r, latest);
        }
        return new LiveViews.State(designId, row.seq(), row.design(), row.fromVersion(), ref.role().atLeast(Role.EDITOR));
    }

    /** The working state as it is now, read without a lock (what an open designer shows after others' edits). */
    public LiveViews.State current(AppUser user, UUID designId) {
        ProjectRef ref = require(user, designId, Role.VIEWER);
        return jdbc.sql("SELECT seq, content, from_version FROM design_live_state WHERE design_id = ?")
                .param(designId).query((rs, i) -> new LiveViews.State(designId, rs.getLong(1),
                        parse(rs.getString(2)), rs.getInt(3), ref.role().atLeast(Role.EDITOR)))
                .optional().orElseGet(() -> open(user, designId));
    }

    /**
     * Applies one patch (a gesture's ops) after every edit ordered before it. Viewers are refused (403): they
     * watch. Ops that meet another editor's earlier op follow {@link PatchApplier}'s rules and come back as
     * conflicts for the author.
     */
    @Transactional
    public LiveViews.Submitted submit(AppUser user, UUID designId, UUID clientId, DesignPatch patch) {
        requireEditor(user, designId);
        Row row = lock(designId);
        PatchApplier.Result r = PatchApplier.apply(row.design(), patch);
        if (!r.changed() && r.conflicts().isEmpty()) {
            return new LiveViews.Submitted(row.seq(), row.design(), DesignPatch.EMPTY, List.of());
        }
        checkSize(r);
        Row next = write(user, designId, clientId, row, r, row.fromVersion());
        return new LiveViews.Submitted(next.seq(), next.design(), r.applied(), r.conflicts());
    }

    /**
     * Applies a gesture computed from the shared state as it is now, under its lock, so no co-editor's edit can come
     * between what the gesture read and what it changes (Make block: the block holds the layers as they are). A
     * gesture that throws changes nothing, and neither does anything else written in the caller's transaction.
     */
    @Transactional
    public LiveViews.Submitted editCurrent(AppUser user, UUID designId, UUID clientId, UnaryOperator<Design> gesture) {
        requireEditor(user, designId);
        Row row = lock(designId);
        PatchApplier.Result r = PatchApplier.apply(row.design(),
                PatchDiff.between(row.design(), gesture.apply(row.design())));
        if (!r.conflicts().isEmpty()) {
            // a patch made from the very state it applies to meets no other edit: a conflict here is a defect
            throw new IllegalStateException("a gesture on the current state conflicted: " + r.conflicts());
        }
        checkSize(r);
        Row next = r.changed() ? write(user, designId, clientId, row, r, row.fromVersion()) : row;
        return new LiveViews.Submitted(next.seq(), next.design(), r.applied(), List.of());
    }

    private void checkSize(PatchApplier.Result r) {
        if (r.design().nodes().size() > limits.maxDesignNodes()) {
            throw ApiException.badRequest("this edit would give the design " + r.design().nodes().size()
                    + " layers; a design may have at most " + limits.maxDesignNodes()
                    + " (netwright.limits.max-design-nodes)");
        }
    }

    /**
     * Makes the working state {@code design} as one edit (loading a saved version into it, or a restore): whatever
     * differs from it now is changed, visibly to everyone.
     */
    @Transactional
    public LiveViews.Submitted replace(AppUser user, UUID designId, UUID clientId, Design design, int fromVersion) {
        requireEditor(user, designId);
        Row row = lock(designId);
        PatchApplier.Result r = PatchApplier.apply(row.design(), PatchDiff.between(row.design(), design));
        Row next = r.changed() ? write(user, designId, clientId, row, r, fromVersion) : row;
        jdbc.sql("UPDATE design_live_state SET from_version = ? WHERE design_id = ?").params(fromVersion, designId)
                .update();
        return new LiveViews.Submitted(next.seq(), next.design(), r.applied(), r.conflicts());
    }

    /**
     * Saves the shared working state as the next version, with the saver's message. The working state is shared, so
     * a version a co-editor saved from it meanwhile is no conflict: the new one follows it, and the answer lists it
     * (the saver is told). Only a version saved elsewhere while the working state held edits made on an older one (a
     * save through the REST API) is a stale save: refused with the newer version (409), as any stale save is.
     *
     * @param seenVersion the latest version the saver knew of (their tab's)
     */
    @Transactional
    public LiveViews.SavedVersion saveVersion(AppUser user, UUID designId, int seenVersion, String message) {
        requireEditor(user, designId);
        Row row = lock(designId);
        DesignViews.Saved saved = designs.save(user, designId, row.fromVersion(), designJson.write(row.design()),
                message);
        jdbc.sql("UPDATE design_live_state SET from_version = ? WHERE design_id = ?")
                .params(saved.version().number(), designId).update();
        List<LiveViews.CoSave> meanwhile = jdbc.sql("""
                SELECT v.number, u.username FROM design_versions v JOIN users u ON u.id = v.author_id
                WHERE v.design_id = ? AND v.number > ? AND v.number <= ? ORDER BY v.number""")
                .params(designId, seenVersion, row.fromVersion())
                .query((rs, i) -> new LiveViews.CoSave(rs.getInt(1), rs.getString(2))).list();
        return new LiveViews.SavedVersion(saved, meanwhile);
    }

    /**
     * Restores version {@code number} as a live edit: the shared working state becomes that version's content (every
     * editor sees the change) and is saved as the next version, after whichever version is the latest now. A restore
     * replaces the whole content, so versions co-editors saved meanwhile cannot make it stale: they stay in the
     * history before it (a tab's own idea of the latest version is not asked for, unlike a save's).
     */
    @Transactional
    public DesignViews.Saved restore(AppUser user, UUID designId, UUID clientId, int number, String message) {
        requireEditor(user, designId);
        Row row = lock(designId);
        DesignViews.Saved saved = designs.restore(user, designId, number, null, message);
        int restoredAs = saved.version().number();
        // the version as stored (blocks pinned), so the working state equals it and shows as saved
        PatchApplier.Result r = PatchApplier.apply(row.design(),
                PatchDiff.between(row.design(), versionDesign(designId, restoredAs)));
        if (r.changed()) {
            write(user, designId, clientId, row, r, restoredAs);
        } else {
            jdbc.sql("UPDATE design_live_state SET from_version = ? WHERE design_id = ?").params(restoredAs, designId)
                    .update();
        }
        return saved;
    }

    /** Whether {@code version} was saved from the shared working state (the state's base is it or newer). */
    public boolean savedFromWorkingState(AppUser user, UUID designId, int version) {
        return current(user, designId).fromVersion() >= version;
    }

    /** The op log after {@code afterSeq}, oldest first, at most {@code limit} edits. */
    public List<LiveViews.LoggedEdit> log(AppUser user, UUID designId, long afterSeq, int limit) {
        require(user, designId, Role.VIEWER);
        if (limit < 1 || limit > 10_000) {
            throw ApiException.badRequest("'limit' must be between 1 and 10000, got " + limit);
        }
        return jdbc.sql("""
                SELECT o.seq, u.username, o.client_id, o.ops, o.conflicts, o.created_at
                FROM design_live_ops o JOIN users u ON u.id = o.author_id
                WHERE o.design_id = ? AND o.seq > ? ORDER BY o.seq LIMIT ?""")
                .params(designId, afterSeq, limit)
                .query((rs, i) -> new LiveViews.LoggedEdit(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, UUID.class), patchJson.read(JSON.readTree(rs.getString(4))),
                        conflicts(JSON.readTree(rs.getString(5))), rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    private List<Conflict> conflicts(JsonNode array) {
        List<Conflict> list = new ArrayList<>();
        for (JsonNode c : array) {
            DesignPatch one = patchJson.read(JSON.createArrayNode().add(c.get("op")));
            list.add(new Conflict(Conflict.Kind.valueOf(c.get("kind").asString()), one.ops().get(0),
                    winner(c.get("winner"))));
        }
        return list;
    }

    private static Object winner(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isString() ? v.stringValue() : v.toString();
    }

    private record Row(long seq, Design design, int fromVersion) {
    }

    /** The design's working state under a row lock, made from its latest version if it has none yet. */
    private Row lock(UUID designId) {
        jdbc.sql("""
                INSERT INTO design_live_state (design_id, seq, content, from_version)
                SELECT d.id, 0, v.content, v.number FROM designs d
                JOIN design_versions v ON v.design_id = d.id AND v.number = d.latest_version
                WHERE d.id = ? ON CONFLICT (design_id) DO NOTHING""").param(designId).update();
        return jdbc.sql("SELECT seq, content, from_version FROM design_live_state WHERE design_id = ? FOR UPDATE")
                .param(designId).query((rs, i) -> new Row(rs.getLong(1), parse(rs.getString(2)), rs.getInt(3)))
                .single();
    }

    private Row write(AppUser user, UUID designId, UUID clientId, Row row, PatchApplier.Result r, int fromVersion) {
        long seq = row.seq() + 1;
        jdbc.sql("UPDATE design_live_state SET seq = ?, content = ?, from_version = ?, updated_at = now() "
                + "WHERE design_id = ?").params(seq, designJson.write(r.design()), fromVersion, designId).update();
        jdbc.sql("INSERT INTO design_live_ops (design_id, seq, author_id, client_id, ops, conflicts) "
                        + "VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)")
                .params(designId, seq, user.id(), clientId, patchJson.write(r.applied()).toString(),
                        patchJson.writeConflicts(r.conflicts()).toString()).update();
        if (r.changed()) {
            NotifyingLiveDesignFeed.announceEdit(jdbc, designId, seq, clientId);
        }
        return new Row(seq, r.design(), fromVersion);
    }

    private Design versionDesign(UUID designId, int number) {
        return parse(jdbc.sql("SELECT content FROM design_versions WHERE design_id = ? AND number = ?")
                .params(designId, number).query(String.class).single());
    }

    /** Working states and versions were checked when written, so failing to read one is a defect, not input. */
    private Design parse(String content) {
        try {
            return designJson.read(content);
        } catch (DesignFormatException e) {
            throw new IllegalStateException("stored design cannot be read: " + e.getMessage(), e);
        }
    }

    /** Refuses (404 for outsiders, 403 for viewers) before anything about an edit request is looked at. */
    public void checkCanEdit(AppUser user, UUID designId) {
        requireEditor(user, designId);
    }

    private void requireEditor(AppUser user, UUID designId) {
        ProjectRef ref = require(user, designId, Role.VIEWER);
        if (!ref.role().atLeast(Role.EDITOR)) {
            throw ApiException.forbidden("you are a viewer of this design's workspace: viewers watch live edits "
                    + "but cannot make them");
        }
    }

    /** The design's project, after checking the caller's role; 404 for deleted designs and outsiders alike. */
    private ProjectRef require(AppUser user, UUID designId, Role min) {
        UUID projectId = jdbc.sql("SELECT project_id FROM designs WHERE id = ? AND deleted_at IS NULL")
                .param(designId).query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("design " + designId));
        try {
            return access.requireProject(user.id(), projectId, min);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw ApiException.notFound("design " + designId);
            }
            throw e;
        }
    }
}
