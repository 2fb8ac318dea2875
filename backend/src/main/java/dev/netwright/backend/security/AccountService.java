package dev.netwright.backend.security;

import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.ControlCharacters;
import dev.netwright.backend.api.FieldProblem;
import dev.netwright.backend.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Sign-up and password login with per-account throttling. */
@Service
public class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    // Serialises sign-ups so that exactly one account can become the first administrator.
    private static final long SIGNUP_LOCK = 0x6e77_7369_676eL;

    private final UserAccounts users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final NetwrightProperties.Security settings;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final FirstAccountSetup setup;
    private final SignupInvitations invitations;
    private final AddressThrottle signups;
    // Compared against when the login name is unknown, so that the answer takes as long as for a real account.
    private final String decoyHash;

    AccountService(UserAccounts users, PasswordEncoder encoder, AuditLog audit, JdbcClient jdbc,
                   NetwrightProperties properties, Clock clock, TransactionTemplate tx, FirstAccountSetup setup,
                   SignupInvitations invitations) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.jdbc = jdbc;
        this.settings = properties.security();
        this.clock = clock;
        this.tx = tx;
        this.setup = setup;
        this.invitations = invitations;
        this.signups = new AddressThrottle(jdbc, tx, clock, AddressThrottle.Kind.SIGNUP, settings.signupsPerHour(),
                Duration.ofHours(1));
        this.decoyHash = encoder.encode("decoy-password-never-matches");
    }

    /** A sign-up by code running on the server itself (tests, tools next to the app): treated as local. */
    @Transactional
    public AppUser signUp(String username, String email, String displayName, String password) {
        return signUp(username, email, displayName, password, SignupOrigin.SERVER);
    }

    /**
     * Creates an account. The first account of an install becomes administrator; from another machine than the
     * server's it needs the one-time set-up token. After it, {@code netwright.security.signup} decides: open,
     * by invitation code, or closed. Sign-ups from one address are throttled (the server's own machine excepted).
     */
    @Transactional
    public AppUser signUp(String username, String email, String displayName, String password, SignupOrigin origin) {
        if (!origin.local()) {
            signups.checkAndRecord(origin.address());
        }
        List<FieldProblem> problems = Credentials.check(username, email, password);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("cannot create the account: " + problems.stream()
                    .map(p -> p.path() + " " + p.reason()).reduce((a, b) -> a + "; " + b).orElseThrow(),
                    Map.of("errors", problems));
        }
        ControlCharacters.require("displayName", displayName);
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(SIGNUP_LOCK).query((rs, i) -> 1).list();
        boolean first = users.count() == 0;
        if (first && !origin.local() && !setup.accepts(origin.setupToken())) {
            throw ApiException.forbidden("the first account of this server is its administrator: create it on the "
                    + "server's own machine (http://localhost/signup), or give 'setupToken', the one-time set-up "
                    + "token the server printed in its log at start");
        }
        if (!first) {
            switch (settings.signup()) {
                case OPEN -> {
                }
                case CLOSED -> throw ApiException.forbidden(
                        "sign-up is closed on this server; ask an administrator for an account");
                case INVITATION -> invitations.redeem(origin.invitationCode(), email);
            }
        }
        if (users.usernameTaken(username)) {
            throw ApiException.conflict("the user name '" + username + "' is taken",
                    Map.of("errors", List.of(new FieldProblem("username", "taken"))));
        }
        if (users.emailTaken(email)) {
            throw ApiException.conflict("an account with this e-mail address exists",
                    Map.of("errors", List.of(new FieldProblem("email", "taken"))));
        }
        String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        AppUser user = users.insert(username, email.strip(), name, encoder.encode(password), first);
        audit.record(null, user.id(), "user.signup", "user", user.id(), Map.of("username", username, "admin", first,
                "from", String.valueOf(origin.address())));
        if (first) {
            setup.spend();
            log.info("First account '{}' created; it is the administrator", username);
        } else if (settings.signup() == NetwrightProperties.Signup.INVITATION) {
            invitations.spentBy(origin.invitationCode(), user.id());
        }
        return user;
    }

    /** What the sign-up page needs to know: whether this is the first account and what sign-up asks for. */
    public record SignupRules(boolean firstAccount, boolean setupTokenNeeded, NetwrightProperties.Signup mode) {
    }

    public SignupRules rules(boolean local) {
        boolean first = users.count() == 0;
        return new SignupRules(first, first && !local, settings.signup());
    }

    /**
     * Checks a password. Failures are counted per account; after {@code maxFailedLogins} in a row the account is
     * locked for {@code lockSeconds} and even the right password is refused (429) until then.
     */
    public AppUser login(String login, String password, String remoteAddress) {
        if (login == null || login.isBlank() || password == null) {
            throw ApiException.badRequest("give 'username' (or e-mail) and 'password'");
        }
        Optional<UserAccounts.Row> found = users.byUsernameOrEmail(login.strip());
        if (found.isEmpty()) {
            encoder.matches(password, decoyHash);
            throw ApiException.unauthorized("wrong user name or password");
        }
        UserAccounts.Row row = found.get();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (row.lockedUntil() != null) {
            if (row.lockedUntil().isAfter(now)) {
                long wait = Math.max(1, Duration.between(now, row.lockedUntil()).toSeconds());
                throw ApiException.tooManyRequests("too many failed logins; this account is locked for "
                        + wait + " more seconds", wait);
            }
            users.clearExpiredLock(row.user().id());
        }
        if (!encoder.matches(password, row.passwordHash())) {
            OffsetDateTime until = now.plusSeconds(settings.lockSeconds()).withOffsetSameInstant(ZoneOffset.UTC);
            int failures = tx.execute(s -> {
                int n = users.recordFailure(row.user().id(), settings.maxFailedLogins(), until);
                audit.record(null, row.user().id(), n >= settings.maxFailedLogins() ? "user.locked" : "user.login-failed",
                        "user", row.user().id(), Map.of("failures", n, "from", String.valueOf(remoteAddress)));
                return n;
            });
            if (failures >= settings.maxFailedLogins()) {
                log.warn("Account '{}' locked for {} s after {} failed logins (last from {})",
                        row.user().username(), settings.lockSeconds(), failures, remoteAddress);
                throw ApiException.tooManyRequests("too many failed logins; this account is locked for "
                        + settings.lockSeconds() + " seconds", settings.lockSeconds());
            }
            throw ApiException.unauthorized("wrong user name or password");
        }
        tx.executeWithoutResult(s -> {
            users.recordSuccess(row.user().id());
            audit.record(null, row.user().id(), "user.login", "user", row.user().id(),
                    Map.of("from", String.valueOf(remoteAddress)));
        });
        return row.user();
    }
}
