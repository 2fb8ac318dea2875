package dev.netwright.backend.worker;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.security.AppUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tokens for standalone workers, created by administrators. As with API tokens the secret is 256 random bits and
 * only its SHA-256 is stored. A worker token opens {@code /api/workers/**} and nothing else.
 */
@Service
class WorkerTokens {
    static final String PREFIX = "nww_";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Token(UUID id, String name, String prefix, List<String> queues, OffsetDateTime createdAt,
                 OffsetDateTime lastSeenAt, OffsetDateTime revokedAt) {
    }

    record Created(Token token, String secret) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    WorkerTokens(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    Created create(AppUser admin, String name, List<String> queues) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest("'name' must be 1 to 100 characters, e.g. \"gpu-host-1\"");
        }
        List<String> q = queues == null || queues.isEmpty() ? List.of("default") : queues;
        if (q.stream().anyMatch(s -> s == null || !s.matches("[A-Za-z0-9_.-]{1,64}"))) {
            throw ApiException.badRequest("'queues' must be names of 1 to 64 letters, digits, '.', '_' or '-'");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = jdbc.sql("""
                INSERT INTO worker_tokens (name, token_hash, prefix, queues, created_by) VALUES (?, ?, ?, ?, ?)
                RETURNING id""")
                .params(name.strip(), sha256(secret), secret.substring(0, PREFIX.length() + 6),
                        q.toArray(String[]::new), admin.id()).query(UUID.class).single();
        audit.record(null, admin.id(), "worker-token.create", "worker_token", id, Map.of("name", name.strip(),
                "queues", q));
        return new Created(list().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(), secret);
    }

    List<Token> list() {
        return jdbc.sql("SELECT * FROM worker_tokens ORDER BY created_at DESC").query((rs, i) -> new Token(
                rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                queues(rs.getArray("queues")), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("last_seen_at", OffsetDateTime.class),
                rs.getObject("revoked_at", OffsetDateTime.class))).list();
    }

    @Transactional
    void revoke(AppUser admin, UUID id) {
        int n = jdbc.sql("UPDATE worker_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?").param(id)
                .update();
        if (n == 0) {
            throw ApiException.notFound("worker token " + id);
        }
        audit.record(null, admin.id(), "worker-token.revoke", "worker_token", id, Map.of());
    }

    Optional<WorkerPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                UPDATE worker_tokens SET last_seen_at = now() WHERE token_hash = ? AND revoked_at IS NULL
                RETURNING id, name, queues""").param(sha256(secret))
                .query((rs, i) -> new WorkerPrincipal(rs.getObject(1, UUID.class), rs.getString(2),
                        queues(rs.getArray(3)))).optional();
    }

    private static List<String> queues(Array array) throws java.sql.SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
