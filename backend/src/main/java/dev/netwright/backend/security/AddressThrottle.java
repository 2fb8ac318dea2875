package dev.netwright.backend.security;

import dev.netwright.backend.api.ApiException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per client address in a sliding window (in memory, per app instance) and refuses with 429 once an
 * address reached the limit: failed logins (the per-account lock alone would let one client try one password against
 * many names) and sign-ups.
 */
final class AddressThrottle {
    static final int MAX_FAILURES = 30;
    static final long WINDOW_MILLIS = 10 * 60 * 1000L;
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int max;
    private final long windowMillis;
    private final String what;

    /** @param what the events, for the refusal: "failed logins", "sign-ups" */
    AddressThrottle(Clock clock, int max, long windowMillis, String what) {
        this.clock = clock;
        this.max = max;
        this.windowMillis = windowMillis;
        this.what = what;
    }

    /** The failed-login throttle: 30 failures in 10 minutes. */
    static AddressThrottle failedLogins(Clock clock) {
        return new AddressThrottle(clock, MAX_FAILURES, WINDOW_MILLIS, "failed logins");
    }

    void check(String address) {
        Deque<Long> times = events.get(address);
        if (times == null) {
            return;
        }
        synchronized (times) {
            long now = clock.millis();
            while (!times.isEmpty() && times.peekFirst() < now - windowMillis) {
                times.pollFirst();
            }
            if (times.size() >= max) {
                long wait = Math.max(1, (times.peekFirst() + windowMillis - now) / 1000);
                throw ApiException.tooManyRequests("too many " + what + " from your address; try again in "
                        + wait + " seconds", wait);
            }
        }
    }

    void record(String address) {
        if (events.size() > 100_000) {
            events.clear(); // bounded memory under a flood of addresses; the per-account lock still holds
        }
        Deque<Long> times = events.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.millis());
            while (times.size() > max) {
                times.pollFirst();
            }
        }
    }
}
