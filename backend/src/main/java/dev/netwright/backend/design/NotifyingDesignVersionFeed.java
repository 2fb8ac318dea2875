package dev.netwright.backend.design;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Saves announce {@code designId:version} with NOTIFY in their transaction (delivered only on commit); one LISTEN
 * connection per app instance reads the version's author and message and tells that design's subscribers.
 */
@Service
class NotifyingDesignVersionFeed implements DesignVersionFeed, SmartLifecycle {
    static final String CHANNEL = "design_versions";
    private static final Logger log = LoggerFactory.getLogger(NotifyingDesignVersionFeed.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Map<UUID, Set<Consumer<VersionSaved>>> listeners = new ConcurrentHashMap<>();
    private volatile Thread listener;
    private volatile boolean running;

    NotifyingDesignVersionFeed(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Called inside the saving transaction. */
    static void announce(JdbcClient jdbc, UUID designId, int version) {
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, designId + ":" + version).query((rs, i) -> 1).list();
    }

    @Override
    public Subscription subscribe(UUID designId, Consumer<VersionSaved> l) {
        listeners.computeIfAbsent(designId, id -> ConcurrentHashMap.newKeySet()).add(l);
        return () -> listeners.computeIfPresent(designId, (id, set) -> {
            set.remove(l);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("design-versions-listen").start(this::listenLoop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenLoop() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("design versions LISTEN connection lost ({}); reconnecting", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void deliver(String payload) {
        int colon = payload.indexOf(':');
        UUID designId = UUID.fromString(payload.substring(0, colon));
        Set<Consumer<VersionSaved>> subs = listeners.get(designId);
        if (subs == null || subs.isEmpty()) {
            return;
        }
        int version = Integer.parseInt(payload.substring(colon + 1));
        VersionSaved saved = jdbc.sql("""
                SELECT u.username, v.message FROM design_versions v JOIN users u ON u.id = v.author_id
                WHERE v.design_id = ? AND v.number = ?""").params(designId, version)
                .query((rs, i) -> new VersionSaved(designId, version, rs.getString(1), rs.getString(2)))
                .optional().orElse(null);
        if (saved == null) {
            return;
        }
        for (Consumer<VersionSaved> l : subs) {
            try {
                l.accept(saved);
            } catch (RuntimeException e) {
                log.warn("design version listener failed: {}", e.toString());
            }
        }
    }
}
