package dev.netwright.backend.security;

import dev.netwright.backend.api.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts events per client address in a sliding window and refuses with 429 once an address reached the limit:
 * failed logins (the per-account lock alone would let one client try one password against many names) and sign-ups.
 * The events live in PostgreSQL ({@code address_events}), so the limit holds across every app instance on the
 * database, whichever instance the load balancer sends a request to.
 */
final class AddressThrottle {
    static final int MAX_FAILURES = 30;
    static final Duration FAILED_LOGIN_WINDOW = Duration.ofMinutes(10);
    // advisory lock class for (kind, address): serialises check-and-record of one address across instances
    private static final int LOCK_CLASS = 0x54485231; // "THR1"
    private static final long SWEEP_EVERY_MILLIS = 60_000;

    /** What is counted; the names are the {@code address_events.kind} values. */
    enum Kind {
        FAILED_LOGIN("failed logins"), SIGNUP("sign-ups");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private final JdbcClient jdbc;
    // its own transaction: a sign-up that fails afterwards (and rolls back) still counts against its address
    private final TransactionTemplate ownTx;
    private final Clock clock;
    private final Kind kind;
    private final int max;
    private final Duration window;
    private final AtomicLong lastSweep = new AtomicLong();

    AddressThrottle(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Kind kind, int max, Duration window) {
        this.jdbc = jdbc;
        this.ownTx = new TransactionTemplate(tx.getTransactionManager());
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.kind = kind;
        this.max = max;
        this.window = window;
    }

    /** The failed-login throttle: 30 failures in 10 minutes. */
    static AddressThrottle failedLogins(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        return new AddressThrottle(jdbc, tx, clock, Kind.FAILED_LOGIN, MAX_FAILURES, FAILED_LOGIN_WINDOW);
    }

    /** Refuses (429) when {@code address} reached the limit within the window. */
    void check(String address) {
        ownTx.executeWithoutResult(s -> refuseIfFull(address, clock.instant()));
    }

    /** Counts one event of {@code address}. */
    void record(String address) {
        Instant now = clock.instant();
        ownTx.executeWithoutResult(s -> insert(address, now));
        sweepNowAndThen(now);
    }

    /** Checks and counts in one step, so that parallel requests on several instances cannot overshoot the limit. */
    void checkAndRecord(String address) {
        Instant now = clock.instant();
        ownTx.executeWithoutResult(s -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))").params(LOCK_CLASS, kind.name() + " " + address)
                    .query((rs, i) -> 1).list();
            refuseIfFull(address, now);
            insert(address, now);
        });
        sweepNowAndThen(now);
    }

    private void refuseIfFull(String address, Instant now) {
        address = String.valueOf(address);
        // the max-th most recent event in the window: while there is one, the address waits until it leaves
        var oldestCounted = jdbc.sql("""
                SELECT at FROM address_events WHERE kind = ? AND address = ? AND at > ?
                ORDER BY at DESC OFFSET ? LIMIT 1""")
                .params(kind.name(), address, Timestamp.from(now.minus(window)), max - 1)
                .query(Timestamp.class).optional();
        if (oldestCounted.isPresent()) {
            long wait = Math.max(1, Duration.between(now, oldestCounted.get().toInstant().plus(window)).toSeconds());
            throw ApiException.tooManyRequests("too many " + kind.words + " from your address; try again in "
                    + wait + " seconds", wait);
        }
    }

    private void insert(String address, Instant now) {
        address = String.valueOf(address);
        jdbc.sql("INSERT INTO address_events (kind, address, at, expires_at) VALUES (?, ?, ?, ?)")
                .params(kind.name(), address, Timestamp.from(now), Timestamp.from(now.plus(window))).update();
    }

    /** Rows whose window has passed go, at most once a minute per instance: the table stays small under floods. */
    private void sweepNowAndThen(Instant now) {
        long last = lastSweep.get();
        if (now.toEpochMilli() - last >= SWEEP_EVERY_MILLIS && lastSweep.compareAndSet(last, now.toEpochMilli())) {
            jdbc.sql("DELETE FROM address_events WHERE expires_at < ?").param(Timestamp.from(now)).update();
        }
    }
}
