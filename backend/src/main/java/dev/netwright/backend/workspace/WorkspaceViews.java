package dev.netwright.backend.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What the workspace API answers. */
public final class WorkspaceViews {
    private WorkspaceViews() {
    }

    public record Workspace(UUID id, String name, Role role, OffsetDateTime createdAt, long members, long projects) {
    }

    public record Member(UUID userId, String username, String displayName, Role role, OffsetDateTime joinedAt) {
    }

    public record Invitation(UUID id, UUID workspaceId, String workspaceName, String invitee, Role role, String invitedBy,
                      String status, OffsetDateTime createdAt) {
    }

    public record Project(UUID id, UUID workspaceId, String name, String description, OffsetDateTime createdAt,
                   String createdBy) {
    }
}
