package dev.netwright.backend.security;

import dev.netwright.backend.api.ApiException;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way to log in with a password, for the REST API and the web app's sign-in page alike: the per-address
 * throttle first, then the account check (with its own per-account lock); failures count against the address. Both
 * the throttle and the lock live in PostgreSQL, so they hold across every app instance.
 */
@Service
public class ThrottledLogin {
    private final AccountService accounts;
    private final AddressThrottle throttle;

    ThrottledLogin(AccountService accounts, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.accounts = accounts;
        this.throttle = AddressThrottle.failedLogins(jdbc, tx, clock);
    }

    /**
     * The account, or ApiException 401 (wrong name or password) / 429 (locked or throttled). {@code address} is the
     * client's real address ({@link ClientAddress#of}), behind a trusted proxy too.
     */
    public AppUser login(String nameOrEmail, String password, String address) {
        throttle.check(address);
        try {
            return accounts.login(nameOrEmail, password, address);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.UNAUTHORIZED || e.status() == HttpStatus.TOO_MANY_REQUESTS) {
                throttle.record(address);
            }
            throw e;
        }
    }
}
