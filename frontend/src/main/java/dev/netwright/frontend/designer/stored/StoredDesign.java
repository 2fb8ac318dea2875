package dev.netwright.frontend.designer.stored;

import dev.netwright.backend.workspace.Role;
import java.util.UUID;

/**
 * The stored design the designer has open: which design, the version the current edits are based on (a save
 * names it, so a stale save is refused instead of overwriting), and what the user may do with it.
 */
public record StoredDesign(UUID id, UUID projectId, String name, int version, Role role) {

    public boolean canEdit() {
        return role.atLeast(Role.EDITOR);
    }

    public StoredDesign at(int newVersion) {
        return new StoredDesign(id, projectId, name, newVersion, role);
    }
}
