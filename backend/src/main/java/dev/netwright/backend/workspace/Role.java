package dev.netwright.backend.workspace;

/** A member's role in a workspace, weakest first: each role can do everything the ones before it can. */
public enum Role {
    /** Reads everything in the workspace. */
    VIEWER,
    /** Also creates and changes projects, designs, datasets and runs. */
    EDITOR,
    /** Also manages members, invitations and the workspace itself, and reads the audit log. */
    OWNER;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    static Role parse(String text) {
        if (text != null) {
            for (Role r : values()) {
                if (r.name().equalsIgnoreCase(text.strip())) {
                    return r;
                }
            }
        }
        throw dev.netwright.backend.api.ApiException.badRequest(
                "'role' must be one of owner, editor, viewer (got '" + text + "')");
    }
}
