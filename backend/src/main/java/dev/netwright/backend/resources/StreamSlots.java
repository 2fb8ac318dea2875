package dev.netwright.backend.resources;

import dev.netwright.backend.api.ApiException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts the live event streams each user holds open, so that one client cannot pin threads and connections without
 * bound: {@link ResourceLimits#maxStreamsPerUser()} per user across every app instance on the database. Each open
 * stream is a row in {@code stream_slots}; this instance renews its rows every keep-alive period and deletes them
 * when their streams end, so the rows of an instance that died expire after {@link #ttl()} on their own.
 */
@Component
public class StreamSlots implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(StreamSlots.class);
    // advisory lock class for (user): serialises count-and-insert of one user's slots across instances
    private static final int LOCK_CLASS = 0x53545231; // "STR1"
    private static final String HOLDER = ProcessHandle.current().pid() + "@" + host();

    private final ResourceLimits limits;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration ttl;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("stream-slots-renewal").unstarted(r));

    StreamSlots(ResourceLimits limits, JdbcClient jdbc, TransactionTemplate tx) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.tx = tx;
        // several renewals fit in one lifetime: a slow or missed renewal does not free a live stream's slot
        this.ttl = Duration.ofMillis(Math.max(10_000, 4 * limits.streamKeepAlive().toMillis()));
        long every = limits.streamKeepAlive().toMillis();
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** How long a slot outlives its instance's last renewal (an instance killed with its streams open). */
    public Duration ttl() {
        return ttl;
    }

    /** A held stream; releasing it twice (completion and error both fire) counts once. */
    public final class Slot {
        private final UUID id;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(UUID id) {
            this.id = id;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                held.remove(id);
                try {
                    jdbc.sql("DELETE FROM stream_slots WHERE id = ?").param(id).update();
                } catch (RuntimeException e) {
                    // the database is away: the row expires on its own now that it is no longer renewed
                    log.warn("Could not give back stream slot {} (it expires in {} s): {}", id, ttl.toSeconds(),
                            e.getMessage());
                }
            }
        }
    }

    /** Takes a slot for {@code userId}, or refuses (429) when they already hold the most streams allowed. */
    public Slot acquire(UUID userId) {
        int max = limits.maxStreamsPerUser();
        UUID id = UUID.randomUUID();
        boolean taken = Boolean.TRUE.equals(tx.execute(s -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))").params(LOCK_CLASS, userId.toString())
                    .query((rs, i) -> 1).list();
            if (openStreams(userId) >= max) {
                return false;
            }
            jdbc.sql("""
                    INSERT INTO stream_slots (id, user_id, holder, expires_at)
                    VALUES (?, ?, ?, now() + make_interval(secs => ?))""")
                    .params(id, userId, HOLDER, ttl.toMillis() / 1000.0).update();
            return true;
        }));
        if (!taken) {
            throw ApiException.tooManyRequests("you already have " + max + " live event streams open, the most one "
                    + "user may hold at once on this server; close one (or reconnect with Last-Event-ID after it "
                    + "ends)", 5);
        }
        held.add(id);
        return new Slot(id);
    }

    /** Streams {@code userId} holds open now, on every instance. */
    public int openStreams(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM stream_slots WHERE user_id = ? AND expires_at > now()").param(userId)
                .query(Integer.class).single();
    }

    /** Keeps this instance's slots alive and clears the expired ones of instances that went away. */
    private void renew() {
        try {
            UUID[] ids = held.toArray(UUID[]::new);
            if (ids.length > 0) {
                jdbc.sql("UPDATE stream_slots SET expires_at = now() + make_interval(secs => ?) WHERE id = ANY(?)")
                        .params(ttl.toMillis() / 1000.0, ids).update();
            }
            jdbc.sql("DELETE FROM stream_slots WHERE expires_at < now()").update();
        } catch (RuntimeException e) {
            log.warn("Could not renew {} stream slots: {}", held.size(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        renewer.shutdownNow();
        UUID[] ids = held.toArray(UUID[]::new);
        if (ids.length > 0) {
            try {
                jdbc.sql("DELETE FROM stream_slots WHERE id = ANY(?)").param(ids).update();
            } catch (RuntimeException e) {
                log.debug("Stream slots left to expire at shutdown: {}", e.getMessage());
            }
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
