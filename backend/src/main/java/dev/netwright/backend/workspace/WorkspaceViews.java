package dev.netwright.backend.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What the workspace API answers. */
final class WorkspaceViews {
    private WorkspaceViews() {
    }

    record Workspace(UUID id, String name, Role role, OffsetDateTime createdAt, long members, long projects) {
    }

    record Member(UUID userId, String username, String displayName, Role role, OffsetDateTime joinedAt) {
    }

    record Invitation(UUID id, UUID workspaceId, String workspaceName, String invitee, Role role, String invitedBy,
                      String status, OffsetDateTime createdAt) {
    }

    record Project(UUID id, UUID workspaceId, String name, String description, OffsetDateTime createdAt,
                   String createdBy) {
    }
}
