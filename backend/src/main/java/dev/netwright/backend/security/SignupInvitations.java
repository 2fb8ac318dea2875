package dev.netwright.backend.security;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.ControlCharacters;
import dev.netwright.backend.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up invitations for {@code netwright.security.signup=invitation}: an administrator creates a one-time code
 * (optionally for one e-mail address) and hands it to the person; their sign-up spends it. Like API tokens, the code
 * has enough random bits that storing its SHA-256 is enough.
 */
@Service
public class SignupInvitations {
    static final String PREFIX = "nwi_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An invitation as administrators see it (never the code after creation). */
    public record SignupInvitation(UUID id, String email, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                             OffsetDateTime usedAt, OffsetDateTime revokedAt) {
    }

    record Created(SignupInvitation invitation, String code) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    SignupInvitations(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    Created create(AppUser admin, String email, Integer expiresInDays) {
        int days = expiresInDays == null ? 14 : expiresInDays;
        if (days < 1 || days > 365) {
            throw ApiException.badRequest("'expiresInDays' must be 1 to 365");
        }
        String boundTo = email == null || email.isBlank() ? null : email.strip();
        if (boundTo != null && (boundTo.length() > 254 || !boundTo.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw ApiException.badRequest("'email' must be an e-mail address such as ada@example.org, or left out");
        }
        ControlCharacters.require("email", boundTo);
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String code = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = jdbc.sql("""
                INSERT INTO signup_invitations (code_hash, email, created_by, expires_at)
                VALUES (?, ?, ?, now() + make_interval(days => ?)) RETURNING id""")
                .params(sha256(code), boundTo, admin.id(), days).query(UUID.class).single();
        audit.record(null, admin.id(), "signup-invitation.create", "signup_invitation", id,
                boundTo == null ? Map.of() : Map.of("email", boundTo));
        return new Created(find(id), code);
    }

    List<SignupInvitation> list() {
        return jdbc.sql("""
                SELECT id, email, created_at, expires_at, used_at, revoked_at FROM signup_invitations
                ORDER BY created_at DESC""").query(SignupInvitation.class).list();
    }

    @Transactional
    void revoke(AppUser admin, UUID id) {
        int n = jdbc.sql("UPDATE signup_invitations SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL "
                + "AND used_at IS NULL").param(id).update();
        if (n == 0) {
            throw ApiException.notFound("open sign-up invitation " + id);
        }
        audit.record(null, admin.id(), "signup-invitation.revoke", "signup_invitation", id, Map.of());
    }

    /**
     * Spends the invitation for an account being created with {@code email}, in the sign-up's transaction (so a
     * failed sign-up spends nothing), or refuses with 403.
     */
    void redeem(String code, String email) {
        if (code == null) {
            throw ApiException.forbidden("sign-up on this server is by invitation: give the 'invitationCode' an "
                    + "administrator created for you");
        }
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT id, email FROM signup_invitations WHERE code_hash = ? AND used_at IS NULL
                AND revoked_at IS NULL AND expires_at > now() FOR UPDATE""").param(sha256(code)).query().listOfRows();
        if (rows.isEmpty()) {
            throw ApiException.forbidden("the invitation code is unknown, used, revoked or expired");
        }
        Object boundTo = rows.getFirst().get("email");
        if (boundTo != null && !boundTo.toString().equalsIgnoreCase(email.strip())) {
            throw ApiException.forbidden("this invitation is for another e-mail address");
        }
        jdbc.sql("UPDATE signup_invitations SET used_at = now() WHERE id = ?").param(rows.getFirst().get("id"))
                .update();
    }

    /** Links a spent invitation to the account it created (after the account row exists). */
    void spentBy(String code, UUID user) {
        jdbc.sql("UPDATE signup_invitations SET used_by = ? WHERE code_hash = ?").params(user, sha256(code)).update();
    }

    private SignupInvitation find(UUID id) {
        return jdbc.sql("SELECT id, email, created_at, expires_at, used_at, revoked_at FROM signup_invitations "
                + "WHERE id = ?").param(id).query(SignupInvitation.class).single();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
