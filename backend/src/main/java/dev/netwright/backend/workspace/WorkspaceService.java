package dev.netwright.backend.workspace;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.ControlCharacters;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.db.DatabaseNotifications;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.security.UserAccounts;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Workspaces, their members and invitations. */
@Service
public class WorkspaceService {
    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final AuditLog audit;
    private final UserAccounts users;
    private final DatabaseNotifications notifications;

    WorkspaceService(JdbcClient jdbc, WorkspaceAccess access, AuditLog audit, UserAccounts users,
                     DatabaseNotifications notifications) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.users = users;
        this.notifications = notifications;
    }

    public static String requireName(String name, String field) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw ApiException.badRequest("'" + field + "' must be 1 to 100 characters");
        }
        ControlCharacters.require(field, name); // the web UI's forms reach here without the API's check
        return name.strip();
    }

    @Transactional
    public WorkspaceViews.Workspace create(AppUser user, String name) {
        String n = requireName(name, "name");
        UUID id = jdbc.sql("INSERT INTO workspaces (name, created_by) VALUES (?, ?) RETURNING id")
                .params(n, user.id()).query(UUID.class).single();
        jdbc.sql("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, 'OWNER')")
                .params(id, user.id()).update();
        audit.record(id, user.id(), "workspace.create", "workspace", id, Map.of("name", n));
        return get(user, id);
    }

    public List<WorkspaceViews.Workspace> list(AppUser user) {
        return jdbc.sql(SELECT_WORKSPACE + " WHERE m.user_id = ? ORDER BY lower(w.name)").param(user.id())
                .query(WorkspaceService::workspace).list();
    }

    public WorkspaceViews.Workspace get(AppUser user, UUID id) {
        access.requireWorkspace(user.id(), id, Role.VIEWER);
        return jdbc.sql(SELECT_WORKSPACE + " WHERE m.user_id = ? AND w.id = ?").params(user.id(), id)
                .query(WorkspaceService::workspace).single();
    }

    @Transactional
    public WorkspaceViews.Workspace rename(AppUser user, UUID id, String name) {
        access.requireWorkspace(user.id(), id, Role.OWNER);
        String n = requireName(name, "name");
        jdbc.sql("UPDATE workspaces SET name = ? WHERE id = ?").params(n, id).update();
        audit.record(id, user.id(), "workspace.rename", "workspace", id, Map.of("name", n));
        return get(user, id);
    }

    public List<WorkspaceViews.Member> members(AppUser user, UUID id) {
        access.requireWorkspace(user.id(), id, Role.VIEWER);
        return jdbc.sql("""
                SELECT u.id, u.username, u.display_name, m.role, m.joined_at FROM workspace_members m
                JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY m.joined_at""").param(id)
                .query((rs, i) -> new WorkspaceViews.Member(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), Role.valueOf(rs.getString(4)), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    @Transactional
    public void changeRole(AppUser user, UUID id, UUID memberId, Role role) {
        access.requireWorkspace(user.id(), id, Role.OWNER);
        Role current = lockMember(id, memberId);
        if (current == Role.OWNER && role != Role.OWNER) {
            requireAnotherOwner(id);
        }
        jdbc.sql("UPDATE workspace_members SET role = ? WHERE workspace_id = ? AND user_id = ?")
                .params(role.name(), id, memberId).update();
        audit.record(id, user.id(), "member.role", "user", memberId, Map.of("from", current, "to", role));
    }

    /** Owners remove anyone; every member may remove themselves (leave). The last owner cannot go. */
    @Transactional
    public void removeMember(AppUser user, UUID id, UUID memberId) {
        access.requireWorkspace(user.id(), id, user.id().equals(memberId) ? Role.VIEWER : Role.OWNER);
        Role current = lockMember(id, memberId);
        if (current == Role.OWNER) {
            requireAnotherOwner(id);
        }
        jdbc.sql("DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?").params(id, memberId).update();
        audit.record(id, user.id(), user.id().equals(memberId) ? "member.leave" : "member.remove", "user", memberId,
                Map.of("role", current));
        // what this instance keeps about the member's access (prediction checks) is forgotten before the answer
        notifications.awaitAnnouncementsAfterCommit();
    }

    private Role lockMember(UUID workspaceId, UUID memberId) {
        // Locks every owner row of the workspace too, so two owners demoting each other cannot leave none.
        jdbc.sql("SELECT user_id FROM workspace_members WHERE workspace_id = ? AND role = 'OWNER' FOR UPDATE")
                .param(workspaceId).query(UUID.class).list();
        return access.roleIn(memberId, workspaceId).orElseThrow(() -> ApiException.notFound("member " + memberId));
    }

    private void requireAnotherOwner(UUID workspaceId) {
        long owners = jdbc.sql("SELECT count(*) FROM workspace_members WHERE workspace_id = ? AND role = 'OWNER'")
                .param(workspaceId).query(Long.class).single();
        if (owners <= 1) {
            throw ApiException.conflict("a workspace needs at least one owner: make someone else owner first");
        }
    }

    @Transactional
    public WorkspaceViews.Invitation invite(AppUser user, UUID id, String who, Role role) {
        access.requireWorkspace(user.id(), id, Role.OWNER);
        if (who == null || who.isBlank()) {
            throw ApiException.badRequest("'user' must name the user name or e-mail address of an account");
        }
        AppUser invitee = users.find(who.strip())
                .orElseThrow(() -> ApiException.notFound("account '" + who.strip() + "'"));
        if (access.roleIn(invitee.id(), id).isPresent()) {
            throw ApiException.conflict("'" + invitee.username() + "' is already a member of this workspace");
        }
        UUID inv = jdbc.sql("""
                INSERT INTO invitations (workspace_id, invitee_id, role, invited_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (workspace_id, invitee_id) WHERE status = 'PENDING'
                DO UPDATE SET role = EXCLUDED.role, invited_by = EXCLUDED.invited_by
                RETURNING id""").params(id, invitee.id(), role.name(), user.id()).query(UUID.class).single();
        audit.record(id, user.id(), "invitation.create", "invitation", inv,
                Map.of("invitee", invitee.username(), "role", role));
        return invitation(inv);
    }

    public List<WorkspaceViews.Invitation> workspaceInvitations(AppUser user, UUID id) {
        access.requireWorkspace(user.id(), id, Role.OWNER);
        return jdbc.sql(SELECT_INVITATION + " WHERE i.workspace_id = ? AND i.status = 'PENDING' ORDER BY i.created_at")
                .param(id).query(WorkspaceService::invitation).list();
    }

    public List<WorkspaceViews.Invitation> myInvitations(AppUser user) {
        return jdbc.sql(SELECT_INVITATION + " WHERE i.invitee_id = ? AND i.status = 'PENDING' ORDER BY i.created_at")
                .param(user.id()).query(WorkspaceService::invitation).list();
    }

    /** Accepts or declines one of the caller's own pending invitations; others' invitations are 404. */
    @Transactional
    public WorkspaceViews.Invitation answer(AppUser user, UUID invitationId, boolean accept) {
        var row = jdbc.sql("""
                SELECT workspace_id, role FROM invitations
                WHERE id = ? AND invitee_id = ? AND status = 'PENDING' FOR UPDATE""")
                .params(invitationId, user.id())
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), Role.valueOf(rs.getString(2))))
                .optional().orElseThrow(() -> ApiException.notFound("invitation " + invitationId));
        jdbc.sql("UPDATE invitations SET status = ?, answered_at = now() WHERE id = ?")
                .params(accept ? "ACCEPTED" : "DECLINED", invitationId).update();
        if (accept) {
            jdbc.sql("""
                    INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""").params(row.getKey(), user.id(), row.getValue().name()).update();
        }
        audit.record(row.getKey(), user.id(), accept ? "invitation.accept" : "invitation.decline", "invitation",
                invitationId, Map.of("role", row.getValue()));
        return invitation(invitationId);
    }

    @Transactional
    public void revokeInvitation(AppUser user, UUID id, UUID invitationId) {
        access.requireWorkspace(user.id(), id, Role.OWNER);
        int n = jdbc.sql("""
                UPDATE invitations SET status = 'REVOKED', answered_at = now()
                WHERE id = ? AND workspace_id = ? AND status = 'PENDING'""").params(invitationId, id).update();
        if (n == 0) {
            throw ApiException.notFound("pending invitation " + invitationId);
        }
        audit.record(id, user.id(), "invitation.revoke", "invitation", invitationId, Map.of());
    }

    private WorkspaceViews.Invitation invitation(UUID id) {
        return jdbc.sql(SELECT_INVITATION + " WHERE i.id = ?").param(id).query(WorkspaceService::invitation).single();
    }

    private static final String SELECT_WORKSPACE = """
            SELECT w.id, w.name, m.role, w.created_at,
                   (SELECT count(*) FROM workspace_members x WHERE x.workspace_id = w.id) AS members,
                   (SELECT count(*) FROM projects p WHERE p.workspace_id = w.id AND p.deleted_at IS NULL) AS projects
            FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id""";

    private static final String SELECT_INVITATION = """
            SELECT i.id, i.workspace_id, w.name AS workspace_name, u.username AS invitee, i.role,
                   b.username AS invited_by, i.status, i.created_at
            FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
            JOIN users u ON u.id = i.invitee_id JOIN users b ON b.id = i.invited_by""";

    private static WorkspaceViews.Workspace workspace(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new WorkspaceViews.Workspace(rs.getObject("id", UUID.class), rs.getString("name"),
                Role.valueOf(rs.getString("role")), rs.getObject("created_at", OffsetDateTime.class),
                rs.getLong("members"), rs.getLong("projects"));
    }

    private static WorkspaceViews.Invitation invitation(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new WorkspaceViews.Invitation(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("workspace_name"), rs.getString("invitee"), Role.valueOf(rs.getString("role")),
                rs.getString("invited_by"), rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
