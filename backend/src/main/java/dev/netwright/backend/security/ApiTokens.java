package dev.netwright.backend.security;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.db.DatabaseNotifications;
import dev.netwright.backend.db.NotifiedCache;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens. The secret has 256 random bits, so a fast hash (SHA-256) is enough to store it: unlike a
 * password it cannot be guessed from a dictionary, and lookups by hash stay cheap on every request.
 */
@Service
public class ApiTokens {
    static final String PREFIX = "nwt_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RowMapper<ApiToken> ROW = (rs, i) -> new ApiToken(rs.getObject("id", UUID.class),
            rs.getString("name"), rs.getString("prefix"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class),
            rs.getObject("revoked_at", OffsetDateTime.class));

    /** Where the database announces changes that make a token invalid or change its account (migration V40). */
    static final String CHANGES = "api_token_changes";
    /** How long an authenticated token is used without asking the database again (see {@link NotifiedCache}). */
    static final Duration KEPT_FOR = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final DatabaseNotifications notifications;
    /** Tokens authenticated in the last {@link #KEPT_FOR}, by their hash: a script's requests do not each query. */
    private final NotifiedCache<ByteBuffer, Authenticated> recent;

    /** A valid token: whose it is and until when (epoch milliseconds; {@code Long.MAX_VALUE}: no expiry). */
    private record Authenticated(UUID tokenId, AppUser user, long expiresAtMillis) {
    }

    ApiTokens(JdbcClient jdbc, AuditLog audit, Clock clock, DatabaseNotifications notifications) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.notifications = notifications;
        this.recent = NotifiedCache.listeningOn(notifications, CHANGES, KEPT_FOR, clock,
                change -> switch (change.kind()) {
                    case "token" -> Optional.of(t -> t.tokenId().equals(change.id()));
                    case "user" -> Optional.of(t -> t.user().id().equals(change.id()));
                    default -> Optional.empty();
                });
    }

    /** A new token and its secret, which is shown this once and never stored. */
    public record Created(ApiToken token, String secret) {
    }

    @Transactional
    public Created create(AppUser user, String name, Integer expiresInDays) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest("'name' must be 1 to 100 characters, e.g. \"laptop script\"");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
            throw ApiException.badRequest("'expiresInDays' must be between 1 and 3650, or absent for no expiry");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime expires = expiresInDays == null ? null : OffsetDateTime.now(clock).plusDays(expiresInDays);
        UUID id = jdbc.sql("""
                INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(user.id(), name.strip(), sha256(secret), secret.substring(0, PREFIX.length() + 6), expires)
                .query(UUID.class).single();
        audit.record(null, user.id(), "token.create", "api_token", id, Map.of("name", name.strip()));
        return new Created(get(user, id), secret);
    }

    public List<ApiToken> list(AppUser user) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC").param(user.id())
                .query(ROW).list();
    }

    ApiToken get(AppUser user, UUID id) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE user_id = ? AND id = ?").params(user.id(), id).query(ROW)
                .optional().orElseThrow(() -> ApiException.notFound("token " + id));
    }

    @Transactional
    public void revoke(AppUser user, UUID id) {
        int n = jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE user_id = ? AND id = ? AND revoked_at IS NULL")
                .params(user.id(), id).update();
        if (n == 0) {
            get(user, id); // 404 when it is not this user's token; otherwise it was already revoked: fine
            return;
        }
        audit.record(null, user.id(), "token.revoke", "api_token", id, Map.of());
        // the database announces the revocation to every instance when this commits (V40); this one has heard it
        // before the call answers, so the token is refused here from then on
        notifications.awaitAnnouncementsAfterCommit();
    }

    /**
     * The account of a valid (known, unrevoked, unexpired) token: from memory when this instance read the token in
     * the last {@link #KEPT_FOR} (revocations are announced at once, see {@link NotifiedCache}), otherwise from the
     * database. Unknown secrets are never kept: each costs its query.
     */
    Optional<AppUser> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = sha256(secret);
        ByteBuffer key = ByteBuffer.wrap(hash);
        Optional<Authenticated> cached = recent.find(key).filter(t -> clock.millis() < t.expiresAtMillis());
        if (cached.isPresent()) {
            return cached.map(Authenticated::user);
        }
        record Valid(UUID id, AppUser user, OffsetDateTime expiresAt, boolean stale) {
        }
        long beforeRead = recent.beforeRead();
        // the token and its account in one query
        Optional<Valid> token = jdbc.sql("""
                SELECT u.*, t.id AS token_id, t.expires_at AS token_expires_at,
                       t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' AS token_stale
                FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())""")
                .param(hash)
                .query((rs, i) -> new Valid(rs.getObject("token_id", UUID.class), UserAccounts.ROW.mapRow(rs, i).user(),
                        rs.getObject("token_expires_at", OffsetDateTime.class), rs.getBoolean("token_stale")))
                .optional();
        // "last used" is kept to the minute (a token in steady use is read again every few seconds, when its cache
        // entry ends): writing it on every request would make all requests of one token queue for the same row lock,
        // so that a script's parallel requests would go one at a time
        token.filter(Valid::stale).ifPresent(t -> jdbc.sql("""
                UPDATE api_tokens SET last_used_at = now()
                WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                .param(t.id()).update());
        token.ifPresent(t -> recent.keep(key, new Authenticated(t.id(), t.user(),
                t.expiresAt() == null ? Long.MAX_VALUE : t.expiresAt().toInstant().toEpochMilli()), beforeRead));
        return token.map(Valid::user);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
