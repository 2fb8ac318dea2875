package dev.netwright.backend.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One recorded action. */
public record AuditEntry(long id, OffsetDateTime at, UUID workspaceId, UUID actorId, String actor, String action,
                         String targetType, String targetId, Map<String, Object> details) {
}
