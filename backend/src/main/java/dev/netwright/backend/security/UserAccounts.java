package dev.netwright.backend.security;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the users table. */
@Repository
public class UserAccounts {
    /** A user row with what login needs. */
    record Row(AppUser user, String passwordHash, int failedLogins, OffsetDateTime lockedUntil) {
    }

    /** An account row of {@code SELECT * FROM users} (also of a query joining users with other tables). */
    static final RowMapper<Row> ROW = (rs, i) -> new Row(
            new AppUser(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("email"),
                    rs.getString("display_name"), rs.getBoolean("admin")),
            rs.getString("password_hash"), rs.getInt("failed_logins"),
            rs.getObject("locked_until", OffsetDateTime.class));

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> byUsernameOrEmail(String login) {
        return jdbc.sql("SELECT * FROM users WHERE lower(username) = lower(?) OR lower(email) = lower(?)")
                .params(login, login).query(ROW).optional();
    }

    public Optional<AppUser> byId(UUID id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(ROW).optional().map(Row::user);
    }

    /** Finds an account by user name or e-mail address, for invitations. */
    public Optional<AppUser> find(String usernameOrEmail) {
        return byUsernameOrEmail(usernameOrEmail).map(Row::user);
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM users WHERE lower(username) = lower(?)").param(username)
                .query(Long.class).single() > 0;
    }

    boolean emailTaken(String email) {
        return jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(?)").param(email)
                .query(Long.class).single() > 0;
    }

    AppUser insert(String username, String email, String displayName, String hash, boolean admin) {
        UUID id = jdbc.sql("""
                INSERT INTO users (username, email, display_name, password_hash, admin)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(username, email, displayName, hash, admin).query(UUID.class).single();
        return new AppUser(id, username, email, displayName, admin);
    }

    /** Counts one failure; locks the account until {@code lockUntil} when the count reaches {@code max}. */
    int recordFailure(UUID id, int max, OffsetDateTime lockUntil) {
        return jdbc.sql("""
                UPDATE users SET failed_logins = failed_logins + 1,
                       locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
                WHERE id = ? RETURNING failed_logins""")
                .params(max, lockUntil, id).query(Integer.class).single();
    }

    void recordSuccess(UUID id) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = ?")
                .param(id).update();
    }

    /** Clears an expired lock so the next failures start counting from zero. */
    void clearExpiredLock(UUID id) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?").param(id).update();
    }
}
