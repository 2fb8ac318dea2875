package dev.netwright.backend.workspace;

import java.util.UUID;

/** A project the caller may access, with the workspace it lives in and the caller's role there. */
public record ProjectRef(UUID projectId, UUID workspaceId, Role role) {
}
