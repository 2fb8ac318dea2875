package dev.netwright.backend.design;

import dev.netwright.backend.db.DatabaseNotifications;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Saves announce {@code designId:version} with NOTIFY in their transaction (delivered only on commit). The app
 * instance's LISTEN connection ({@link DatabaseNotifications}) hands each here; this reads the version's author and
 * message and tells that design's subscribers.
 */
@Service
class NotifyingDesignVersionFeed implements DesignVersionFeed {
    static final String CHANNEL = "design_versions";
    private static final Logger log = LoggerFactory.getLogger(NotifyingDesignVersionFeed.class);

    private final JdbcClient jdbc;
    private final Map<UUID, Set<Consumer<VersionSaved>>> listeners = new ConcurrentHashMap<>();

    NotifyingDesignVersionFeed(DatabaseNotifications notifications, JdbcClient jdbc) {
        this.jdbc = jdbc;
        notifications.listen(CHANNEL, this::deliver);
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
