package dev.netwright.backend.db;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance read from the database in the last few seconds and may use again without asking, because the
 * database announces every change to it: triggers send {@code NOTIFY channel, '<kind>:<uuid>'} when the change
 * commits, whoever makes it (the app on any instance, or an operator in psql), and every instance forgets the
 * entries the announcement names at once.
 *
 * <p>Entries are used only while this instance's LISTEN connection is up ({@link DatabaseNotifications}); once it
 * listens again after a loss everything is dropped, since announcements may have been missed meanwhile. The lifetime
 * bounds what a connection that died unnoticed could let through. A read that raced with an announcement is not
 * kept: callers take {@link #beforeRead} before their query and hand it to {@link #keep}.
 *
 * @param <K> what an entry is found by
 * @param <V> what was read
 */
public final class NotifiedCache<K, V> {
    private static final Logger log = LoggerFactory.getLogger(NotifiedCache.class);
    private static final int MAX_ENTRIES = 10_000;

    /** One announcement: what kind of row changed ({@code token}, {@code user}, {@code run}...) and its id. */
    public record Announcement(String kind, UUID id) {
        /** {@code kind:uuid}; empty when the payload is not of that form. */
        static Optional<Announcement> parse(String payload) {
            int colon = payload.indexOf(':');
            if (colon < 1) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Announcement(payload.substring(0, colon),
                        UUID.fromString(payload.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private record Entry<V>(V value, long readAtMillis) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Counts every forgetting, so that a read that raced with one does not put back what was just forgotten. */
    private final AtomicLong forgettings = new AtomicLong();
    private final String name;
    private final BooleanSupplier listening;
    private final long lifetimeMillis;
    private final Clock clock;
    private final Function<Announcement, Optional<Predicate<V>>> named;

    /**
     * @param name      what is kept, for the log
     * @param listening whether announcements reach this instance now
     * @param named     which entries an announcement names; empty for an announcement of an unknown kind (then
     *                  everything is forgotten)
     */
    NotifiedCache(String name, BooleanSupplier listening, Duration lifetime, Clock clock,
                  Function<Announcement, Optional<Predicate<V>>> named) {
        this.name = name;
        this.listening = listening;
        this.lifetimeMillis = lifetime.toMillis();
        this.clock = clock;
        this.named = named;
    }

    /** A cache that forgets what the announcements on {@code channel} name; register before the app starts. */
    public static <K, V> NotifiedCache<K, V> listeningOn(DatabaseNotifications notifications, String channel,
                                                         Duration lifetime, Clock clock,
                                                         Function<Announcement, Optional<Predicate<V>>> named) {
        NotifiedCache<K, V> cache = new NotifiedCache<>(channel, notifications::isListening, lifetime, clock, named);
        notifications.listen(channel, new DatabaseNotifications.Channel() {
            @Override
            public void onNotification(String payload) {
                cache.forget(payload);
            }

            @Override
            public void onListening() {
                cache.forgetAll();
            }
        });
        return cache;
    }

    /** What was read for {@code key} within the lifetime, while announcements can be heard. */
    public Optional<V> find(K key) {
        if (!listening.getAsBoolean()) {
            return Optional.empty();
        }
        Entry<V> e = entries.get(key);
        if (e == null || clock.millis() - e.readAtMillis() >= lifetimeMillis) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    /** Take this before reading from the database; hand it to {@link #keep}. */
    public long beforeRead() {
        return forgettings.get();
    }

    /**
     * Keeps what was just read, unless something was forgotten since {@code beforeRead} (the row read may be one a
     * change replaced meanwhile) or announcements cannot be heard now.
     */
    public void keep(K key, V value, long beforeRead) {
        if (!listening.getAsBoolean()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // more in use within seconds than this: start over rather than track age
        }
        entries.put(key, new Entry<>(value, clock.millis()));
        if (forgettings.get() != beforeRead) {
            entries.remove(key);
        }
    }

    /** Forgets what an announcement ({@code kind:uuid}) names; everything when it cannot be read or is unknown. */
    public void forget(String payload) {
        forgettings.incrementAndGet();
        Optional<Predicate<V>> which = Announcement.parse(payload).flatMap(named);
        if (which.isEmpty()) {
            log.warn("{}: unknown change '{}', forgetting everything kept", name, payload);
            entries.clear();
            return;
        }
        entries.values().removeIf(e -> which.get().test(e.value()));
    }

    /** Forgets everything (announcements may have been missed). */
    public void forgetAll() {
        forgettings.incrementAndGet();
        entries.clear();
    }
}
