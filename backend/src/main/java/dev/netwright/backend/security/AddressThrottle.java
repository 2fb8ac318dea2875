package dev.netwright.backend.security;

import dev.netwright.backend.api.ApiException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Limits failed logins per client address (in memory, per app instance). The per-account lock alone would let one
 * client try one password against many names; this caps that too.
 */
@Component
class AddressThrottle {
    static final int MAX_FAILURES = 30;
    static final long WINDOW_MILLIS = 10 * 60 * 1000L;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    AddressThrottle(Clock clock) {
        this.clock = clock;
    }

    void check(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return;
        }
        synchronized (times) {
            long now = clock.millis();
            while (!times.isEmpty() && times.peekFirst() < now - WINDOW_MILLIS) {
                times.pollFirst();
            }
            if (times.size() >= MAX_FAILURES) {
                long wait = Math.max(1, (times.peekFirst() + WINDOW_MILLIS - now) / 1000);
                throw ApiException.tooManyRequests("too many failed logins from your address; try again in "
                        + wait + " seconds", wait);
            }
        }
    }

    void failed(String address) {
        if (failures.size() > 100_000) {
            failures.clear(); // bounded memory under a flood of addresses; the per-account lock still holds
        }
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.millis());
            while (times.size() > MAX_FAILURES) {
                times.pollFirst();
            }
        }
    }
}
