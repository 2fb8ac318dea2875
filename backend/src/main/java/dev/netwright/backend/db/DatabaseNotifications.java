package dev.netwright.backend.db;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One PostgreSQL LISTEN connection per app instance, shared by every feature that fans out NOTIFY messages (metric
 * points, design versions). Features register a {@link Channel} before the application starts; the listener
 * reconnects after a lost connection and tells each channel, so it can catch up on what it may have missed.
 */
@Component
public class DatabaseNotifications implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final int POLL_MILLIS = 500;
    /** Where {@link #awaitAnnouncementsAfterCommit} sends its markers. */
    private static final String MARKERS = "netwright_marker";
    private static final long MARKER_WAIT_MILLIS = 2_000;

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
    private final JdbcClient jdbc;
    private final Map<String, List<Channel>> channels = new ConcurrentHashMap<>();
    /** Markers sent and not heard yet, by payload. */
    private final Map<String, CountDownLatch> markers = new ConcurrentHashMap<>();
    private volatile Thread listener;
    private volatile boolean running;
    private volatile boolean listening;

    DatabaseNotifications(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        channels.put(MARKERS, List.of(new Channel() {
            @Override
            public void onNotification(String payload) {
                CountDownLatch heard = markers.remove(payload);
                if (heard != null) {
                    heard.countDown();
                }
            }

            @Override
            public void onListening() {
                // every channel has just dropped what it may have missed: nothing kept is older than this
                markers.values().forEach(CountDownLatch::countDown);
                markers.clear();
            }
        }));
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

    /**
     * Makes the current transaction's announcements take effect on this instance before the caller answers. Call it
     * after the transaction's changes: it sends a marker in the same transaction and, once that commits, waits (up to
     * 2 s) until this instance's LISTEN connection has delivered the marker. PostgreSQL delivers a transaction's
     * notifications in the order they were sent and transactions' in commit order, so by then every channel has
     * handled what the triggers announced. For changes that end someone's access: the answer "removed" must hold on
     * the instance that gave it, not a millisecond later. Without a transaction the marker commits at once. While
     * the connection is not listening nothing is waited for (nothing kept on the strength of announcements is used
     * then).
     */
    public void awaitAnnouncementsAfterCommit() {
        if (!listening) {
            return;
        }
        String marker = UUID.randomUUID().toString();
        CountDownLatch heard = new CountDownLatch(1);
        markers.put(marker, heard);
        try {
            jdbc.sql("SELECT pg_notify(?, ?)").params(MARKERS, marker).query((rs, i) -> 0).list();
        } catch (RuntimeException e) {
            markers.remove(marker);
            throw e;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            await(marker, heard);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    await(marker, heard);
                } else {
                    markers.remove(marker);
                }
            }
        });
    }

    private void await(String marker, CountDownLatch heard) {
        try {
            if (!heard.await(MARKER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("LISTEN connection did not deliver a marker within {} ms; kept answers may lag by up to "
                        + "their lifetime", MARKER_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            markers.remove(marker);
        }
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
