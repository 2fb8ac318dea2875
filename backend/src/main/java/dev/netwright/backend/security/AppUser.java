package dev.netwright.backend.security;

import java.io.Serializable;
import java.util.UUID;

/** The signed-in account, as the security context carries it (in the HTTP session for browsers). */
public record AppUser(UUID id, String username, String email, String displayName, boolean admin)
        implements Serializable {
}
