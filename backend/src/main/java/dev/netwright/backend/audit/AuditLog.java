package dev.netwright.backend.audit;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records who did what. Called inside the caller's transaction, so an action that rolls back leaves no entry and
 * an entry never describes something that did not happen.
 */
@Service
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger("netwright.audit");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(UUID workspaceId, UUID actorId, String action, String targetType, Object targetId,
                       Map<String, ?> details) {
        String json = JSON.writeValueAsString(details == null ? Map.of() : details);
        jdbc.sql("""
                INSERT INTO audit_log (workspace_id, actor_id, action, target_type, target_id, details)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)""")
                .params(workspaceId, actorId, action, targetType, targetId == null ? null : targetId.toString(), json)
                .update();
        log.info("{} by {} on {} {} {}", action, actorId, targetType, targetId, json);
    }

    /** Newest first; {@code beforeId} pages backwards (null for the newest). */
    public List<AuditEntry> forWorkspace(UUID workspaceId, Long beforeId, int limit) {
        return query("a.workspace_id = ?", List.of(workspaceId), beforeId, limit);
    }

    /** Account-level events (sign-ups, failed logins, tokens), for administrators. */
    public List<AuditEntry> accountEvents(Long beforeId, int limit) {
        return query("a.workspace_id IS NULL", List.of(), beforeId, limit);
    }

    /** A page of a workspace's entries, newest first. */
    public Page<AuditEntry> forWorkspace(UUID workspaceId, PageRequest page) {
        return page("a.workspace_id = ?", List.of(workspaceId), page);
    }

    /** A page of the account-level events, newest first. */
    public Page<AuditEntry> accountEvents(PageRequest page) {
        return page("a.workspace_id IS NULL", List.of(), page);
    }

    private Page<AuditEntry> page(String where, List<Object> whereParams, PageRequest page) {
        long total = jdbc.sql("SELECT count(*) FROM audit_log a WHERE " + where).params(whereParams)
                .query(Long.class).single();
        List<Object> params = new java.util.ArrayList<>(whereParams);
        params.add(page.size());
        params.add(page.offset());
        return Page.of(jdbc.sql(SELECT.formatted(where) + " ORDER BY a.id DESC LIMIT ? OFFSET ?").params(params)
                .query(this::entry).list(), total, page);
    }

    private static final String SELECT = """
            SELECT a.id, a.at, a.workspace_id, a.actor_id, u.username, a.action, a.target_type, a.target_id,
                   a.details::text AS details
            FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
            WHERE %s""";

    private AuditEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("at", java.time.OffsetDateTime.class),
                rs.getObject("workspace_id", UUID.class), rs.getObject("actor_id", UUID.class),
                rs.getString("username"), rs.getString("action"), rs.getString("target_type"),
                rs.getString("target_id"),
                JSON.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() { }));
    }

    private List<AuditEntry> query(String where, List<Object> whereParams, Long beforeId, int limit) {
        List<Object> params = new java.util.ArrayList<>(whereParams);
        params.add(beforeId == null ? Long.MAX_VALUE : beforeId);
        params.add(Math.clamp(limit, 1, 500));
        return jdbc.sql("""
                SELECT a.id, a.at, a.workspace_id, a.actor_id, u.username, a.action, a.target_type, a.target_id,
                       a.details::text AS details
                FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
                WHERE %s AND a.id < ?
                ORDER BY a.id DESC LIMIT ?""".formatted(where))
                .params(params)
                .query((rs, i) -> new AuditEntry(rs.getLong("id"),
                        rs.getObject("at", java.time.OffsetDateTime.class),
                        rs.getObject("workspace_id", UUID.class), rs.getObject("actor_id", UUID.class),
                        rs.getString("username"), rs.getString("action"), rs.getString("target_type"),
                        rs.getString("target_id"),
                        JSON.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() { })))
                .list();
    }
}
