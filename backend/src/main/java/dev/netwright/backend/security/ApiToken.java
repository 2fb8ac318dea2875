package dev.netwright.backend.security;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A personal API token as listed (never with its secret). */
public record ApiToken(UUID id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                       OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
}
