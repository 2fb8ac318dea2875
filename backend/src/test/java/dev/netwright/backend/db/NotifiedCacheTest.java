package dev.netwright.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What a {@link NotifiedCache} serves and what makes it forget, without a database (the announcing triggers are
 * tested end to end: AccountsAndTokensTest, LimitsAcrossInstancesTest, ModelAccessTest).
 */
class NotifiedCacheTest {
    private static final Duration LIFETIME = Duration.ofSeconds(10);

    /** A value kept per key: which row it came from and whose it is. */
    private record Read(UUID rowId, UUID ownerId) {
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advanceMillis(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final NotifiedCache<String, Read> cache = new NotifiedCache<>("test", listening::get, LIFETIME, clock,
            change -> switch (change.kind()) {
                case "row" -> Optional.of(r -> r.rowId().equals(change.id()));
                case "owner" -> Optional.of(r -> r.ownerId().equals(change.id()));
                default -> Optional.empty();
            });

    private void keep(String key, Read read) {
        cache.keep(key, read, cache.beforeRead());
    }

    @Test
    void whatWasReadIsServedForTheLifetimeOnly() {
        Read a = new Read(UUID.randomUUID(), UUID.randomUUID());
        keep("a", a);
        assertThat(cache.find("a")).contains(a);
        assertThat(cache.find("b")).isEmpty();
        clock.advanceMillis(LIFETIME.toMillis() - 1);
        assertThat(cache.find("a")).contains(a);
        clock.advanceMillis(1);
        assertThat(cache.find("a")).as("read again from the database after the lifetime").isEmpty();
    }

    @Test
    void announcementsForgetWhatTheyNameAndUnknownOnesForgetEverything() {
        UUID ada = UUID.randomUUID();
        Read a1 = new Read(UUID.randomUUID(), ada);
        Read a2 = new Read(UUID.randomUUID(), ada);
        Read b = new Read(UUID.randomUUID(), UUID.randomUUID());
        keep("a1", a1);
        keep("a2", a2);
        keep("b", b);

        cache.forget("row:" + a1.rowId());
        assertThat(cache.find("a1")).isEmpty();
        assertThat(cache.find("a2")).contains(a2);

        cache.forget("owner:" + ada);
        assertThat(cache.find("a2")).isEmpty();
        assertThat(cache.find("b")).contains(b);

        cache.forget("colour:" + UUID.randomUUID());
        assertThat(cache.find("b")).as("an announcement of an unknown kind forgets everything").isEmpty();
        keep("b", b);
        cache.forget("not an announcement");
        assertThat(cache.find("b")).as("an unreadable announcement forgets everything").isEmpty();
    }

    @Test
    void aReadThatRacedWithAnAnnouncementIsNotKept() {
        Read a = new Read(UUID.randomUUID(), UUID.randomUUID());
        long beforeRead = cache.beforeRead();
        // the change commits and is announced while the (now outdated) row is being read
        cache.forget("row:" + a.rowId());
        cache.keep("a", a, beforeRead);
        assertThat(cache.find("a")).isEmpty();
    }

    @Test
    void nothingIsKeptOrServedWhileAnnouncementsCannotBeHeard() {
        Read a = new Read(UUID.randomUUID(), UUID.randomUUID());
        keep("a", a);
        listening.set(false);
        assertThat(cache.find("a")).isEmpty();
        keep("b", new Read(UUID.randomUUID(), UUID.randomUUID()));
        listening.set(true);
        assertThat(cache.find("b")).isEmpty();
        cache.forgetAll(); // what the listener does once it listens again, before it counts as listening
        assertThat(cache.find("a")).isEmpty();
    }
}
