package dev.netwright.backend.learn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;

/**
 * The slots that cap learn trainings. With several app instances the cap holds across all of them: each slot is a
 * PostgreSQL session advisory lock, held on a connection of its own for as long as the training runs, so an instance
 * that dies (even with SIGKILL) gives its slots back when its connections close.
 */
interface LearnSlots {

    /** A taken slot; closing it gives it back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a free slot, or empty when all {@code max} are taken. */
    Optional<Slot> tryTake();

    /** Slots of this JVM only (tests that run without a database). */
    static LearnSlots inThisJvm(int max) {
        Semaphore slots = new Semaphore(max);
        return () -> slots.tryAcquire() ? Optional.of(slots::release) : Optional.empty();
    }

    /** Slots shared by every app instance on the database behind {@code dataSource}. */
    static LearnSlots inDatabase(DataSource dataSource, int max) {
        // advisory lock (class, slot): the class keeps these apart from the app's other advisory locks
        final int lockClass = 0x4c524e31; // "LRN1"
        return () -> {
            Connection c = null;
            try {
                c = dataSource.getConnection();
                c.setAutoCommit(true);
                for (int slot = 0; slot < max; slot++) {
                    if (lock(c, "SELECT pg_try_advisory_lock(?, ?)", lockClass, slot)) {
                        Connection held = c;
                        int taken = slot;
                        return Optional.of(() -> release(held, lockClass, taken));
                    }
                }
                c.close();
                return Optional.empty();
            } catch (SQLException e) {
                closeQuietly(c);
                throw new IllegalStateException("cannot take a learn training slot: " + e.getMessage(), e);
            }
        };
    }

    private static boolean lock(Connection c, String sql, int lockClass, int slot) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, lockClass);
            s.setInt(2, slot);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void release(Connection c, int lockClass, int slot) {
        try {
            lock(c, "SELECT pg_advisory_unlock(?, ?)", lockClass, slot);
        } catch (SQLException e) {
            // a broken connection lost its session and with it the lock
        } finally {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection; nothing more to do
            }
        }
    }
}
