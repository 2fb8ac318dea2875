package dev.netwright.backend.resources;

import dev.netwright.backend.api.ApiException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Counts the live event streams each user holds open, so that one client cannot pin threads and connections without
 * bound ({@link ResourceLimits#maxStreamsPerUser()} per user, per app instance).
 */
@Component
public class StreamSlots {
    private final ResourceLimits limits;
    private final Map<UUID, Integer> open = new ConcurrentHashMap<>();

    StreamSlots(ResourceLimits limits) {
        this.limits = limits;
    }

    /** A held stream; releasing it twice (completion and error both fire) counts once. */
    public final class Slot {
        private final UUID userId;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(UUID userId) {
            this.userId = userId;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(userId, (id, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** Takes a slot for {@code userId}, or refuses (429) when they already hold the most streams allowed. */
    public Slot acquire(UUID userId) {
        int max = limits.maxStreamsPerUser();
        boolean[] taken = new boolean[1];
        open.compute(userId, (id, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < max;
            return taken[0] ? now + 1 : now;
        });
        if (!taken[0]) {
            throw ApiException.tooManyRequests("you already have " + max + " live event streams open, the most one "
                    + "user may hold at once; close one (or reconnect with Last-Event-ID after it ends)", 5);
        }
        return new Slot(userId);
    }

    /** Streams {@code userId} holds open now. */
    public int openStreams(UUID userId) {
        return open.getOrDefault(userId, 0);
    }
}
