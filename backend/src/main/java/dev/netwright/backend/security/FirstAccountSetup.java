package dev.netwright.backend.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one-time set-up token for the first account. Whoever reaches a fresh install first would otherwise become its
 * administrator: from the server's own machine that needs nothing more, from anywhere else it needs this token,
 * which only someone who can read the server's log has. A new token is made at every start while there is no account,
 * and it is spent by the first account.
 */
@Component
class FirstAccountSetup {
    private static final Logger log = LoggerFactory.getLogger(FirstAccountSetup.class);
    private final UserAccounts users;
    private volatile String token;

    FirstAccountSetup(UserAccounts users) {
        this.users = users;
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (users.count() == 0 && token != null) {
            log.warn("No account exists yet. Create the first (administrator) account on this machine at /signup, or "
                    + "from another machine with this one-time set-up token: {}", token);
        }
    }

    boolean accepts(String candidate) {
        String current = token;
        return current != null && candidate != null && MessageDigest.isEqual(
                current.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** The first account exists: the token opens nothing any more. */
    void spend() {
        token = null;
    }

    /** For tests in this package: the token the log shows. */
    String token() {
        return token;
    }
}
