package dev.netwright.backend.storage;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.resources.MemoryEstimate;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What each workspace stores (uploaded datasets, deleted ones until they are purged, and trained artifacts) against its
 * quota. Uploads and new runs are refused with a 4xx once the quota is used up.
 */
@Service
public class StorageQuotas {
    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final StorageProperties properties;
    private final AuditLog audit;

    StorageQuotas(JdbcClient jdbc, WorkspaceAccess access, StorageProperties properties, AuditLog audit) {
        this.jdbc = jdbc;
        this.access = access;
        this.properties = properties;
        this.audit = audit;
    }

    /**
     * A workspace's storage.
     *
     * @param datasetBytes  uploaded dataset files, deleted ones included until they are purged
     * @param artifactBytes trained models of its runs
     * @param quotaBytes    what it may use; {@code quotaIsDefault} when no administrator set its own
     */
    public record Usage(UUID workspaceId, long datasetBytes, long artifactBytes, long quotaBytes,
                        boolean quotaIsDefault) {
        public long usedBytes() {
            return datasetBytes + artifactBytes;
        }
    }

    /** The storage of a workspace, for its owners (403 for other members). */
    public Usage usage(AppUser user, UUID workspaceId) {
        access.requireWorkspace(user.id(), workspaceId, Role.OWNER);
        return usage(workspaceId);
    }

    public Usage usage(UUID workspaceId) {
        long datasets = jdbc.sql("""
                SELECT coalesce(sum(d.size_bytes), 0) FROM datasets d JOIN projects p ON p.id = d.project_id
                WHERE p.workspace_id = ?""").param(workspaceId).query(Long.class).single();
        long artifacts = jdbc.sql("""
                SELECT coalesce(sum(a.size_bytes), 0) FROM artifacts a JOIN runs r ON r.id = a.run_id
                WHERE r.workspace_id = ?""").param(workspaceId).query(Long.class).single();
        Long own = jdbc.sql("SELECT storage_quota_bytes FROM workspaces WHERE id = ?").param(workspaceId)
                .query(Long.class).optional().orElse(null);
        return new Usage(workspaceId, datasets, artifacts,
                own == null ? properties.defaultWorkspaceQuota().toBytes() : own, own == null);
    }

    /**
     * Refuses (413) storing {@code addingBytes} more when the workspace's quota cannot take them; with 0 (a new run,
     * whose model size is not known yet), when the quota is used up.
     */
    public void requireRoom(UUID workspaceId, long addingBytes, String what) {
        Usage u = usage(workspaceId);
        boolean full = addingBytes == 0 ? u.usedBytes() >= u.quotaBytes()
                : u.usedBytes() + addingBytes > u.quotaBytes();
        if (full) {
            throw ApiException.payloadTooLarge(what + " does not fit the workspace's storage quota: it uses "
                    + MemoryEstimate.words(u.usedBytes()) + " of " + MemoryEstimate.words(u.quotaBytes())
                    + (addingBytes > 0 ? " and this needs " + MemoryEstimate.words(addingBytes) : "")
                    + "; delete datasets or runs' models (deleted datasets are purged after the retention period), "
                    + "or ask an administrator for a larger quota");
        }
    }

    /** Sets (or with null, resets to the default) a workspace's quota; administrators only. */
    public Usage setQuota(AppUser user, UUID workspaceId, Long quotaBytes) {
        if (!user.admin()) {
            throw ApiException.forbidden("only administrators set storage quotas");
        }
        if (quotaBytes != null && quotaBytes < 1) {
            throw ApiException.badRequest("'quotaBytes' must be 1 or more, or null for the default");
        }
        int n = jdbc.sql("UPDATE workspaces SET storage_quota_bytes = ? WHERE id = ?").params(quotaBytes, workspaceId)
                .update();
        if (n == 0) {
            throw ApiException.notFound("workspace " + workspaceId);
        }
        audit.record(workspaceId, user.id(), "workspace.storage-quota", "workspace", workspaceId,
                quotaBytes == null ? Map.of("quotaBytes", "default") : Map.of("quotaBytes", quotaBytes));
        return usage(workspaceId);
    }
}
