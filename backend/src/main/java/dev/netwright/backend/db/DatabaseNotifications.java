package dev.netwright.backend.db;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One PostgreSQL LISTEN connection per app instance, shared by every feature that fans out NOTIFY messages (metric
 * points, design versions). Features register a {@link Channel} before the application starts; the listener
 * reconnects after a lost connection and tells each channel, so it can catch up on what it may have missed.
 */
@Component
public class DatabaseNotifications implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final int POLL_MILLIS = 500;

    /** What a feature does with its channel's messages. Called on the listener thread: hand long work off. */
    public interface Channel {
        /** One NOTIFY payload. */
        void onNotification(String payload);

        /** The connection is (again) listening: anything sent while it was not has been missed. */
        default void onListening() {
        }

        /** Called after every poll (about twice a second), for periodic catch-up work. */
        default void onPoll() {
        }
    }

    private final DataSource dataSource;
    private final Map<String, List<Channel>> channels = new ConcurrentHashMap<>();
    private volatile Thread listener;
    private volatile boolean running;
    private volatile boolean listening;

    DatabaseNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Registers a handler for a channel name (letters, digits and underscores); call before the app starts. */
    public void listen(String channel, Channel handler) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("channel names are lower-case identifiers, got '" + channel + "'");
        }
        if (running) {
            throw new IllegalStateException("register channel " + channel + " before the application starts");
        }
        channels.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("db-notifications").start(this::listenLoop);
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether the LISTEN connection is up now, so that a change announced now will be heard. What an instance keeps in
     * memory on the strength of notifications is only trusted while this holds.
     */
    public boolean isListening() {
        return listening;
    }

    private void listenLoop() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    for (String channel : channels.keySet()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                log.debug("listening on {}", channels.keySet());
                // channels drop what they may have missed first; only then is what they keep trusted again
                each(Channel::onListening);
                listening = true;
                while (running) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            for (Channel h : channels.getOrDefault(n.getName(), List.of())) {
                                deliver(h, n.getParameter());
                            }
                        }
                    }
                    each(Channel::onPoll);
                }
            } catch (Exception e) {
                listening = false;
                if (!running) {
                    return;
                }
                log.warn("LISTEN connection lost ({}); reconnecting", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void each(java.util.function.Consumer<Channel> call) {
        channels.values().forEach(list -> list.forEach(h -> {
            try {
                call.accept(h);
            } catch (RuntimeException e) {
                log.warn("notification handler failed: {}", e.toString());
            }
        }));
    }

    private static void deliver(Channel h, String payload) {
        try {
            h.onNotification(payload);
        } catch (RuntimeException e) {
            log.warn("notification handler failed on '{}': {}", payload, e.toString());
        }
    }
}
