package dev.netwright.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.ApiTestBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link DatabaseNotifications#awaitAnnouncementsAfterCommit}: once a transaction that called it commits, this
 * instance's channels have handled what the transaction announced. The channel here takes 300 ms per announcement,
 * so without the wait the commit would return long before it is handled.
 */
class AnnouncementsAfterCommitTest extends ApiTestBase {
    private static final String CHANNEL = "after_commit_test";

    @Autowired
    private DataSource dataSource;
    @Autowired
    private TransactionTemplate transactions;

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private DatabaseNotifications notifications;

    @BeforeEach
    void listen() throws InterruptedException {
        notifications = new DatabaseNotifications(dataSource, jdbc);
        notifications.listen(CHANNEL, payload -> {
            sleep(300);
            handled.add(payload);
        });
        notifications.start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (!notifications.isListening()) {
            assertThat(System.nanoTime()).as("listening within 10 s").isLessThan(end);
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stop() {
        notifications.stop();
    }

    @Test
    void whatACommittedTransactionAnnouncedIsHandledBeforeItReturns() {
        transactions.executeWithoutResult(status -> {
            announce("first");
            announce("second");
            notifications.awaitAnnouncementsAfterCommit();
            assertThat(handled).as("nothing is delivered before the commit").isEmpty();
        });
        assertThat(handled).containsExactly("first", "second");
    }

    @Test
    void withoutATransactionTheAnnouncementsSoFarAreHandled() {
        announce("alone");
        notifications.awaitAnnouncementsAfterCommit();
        assertThat(handled).containsExactly("alone");
    }

    @Test
    void aRolledBackTransactionAnnouncesNothingAndWaitsForNothing() {
        long start = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            announce("undone");
            notifications.awaitAnnouncementsAfterCommit();
            status.setRollbackOnly();
        });
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms waited").isLessThan(1_000);
        announce("after");
        notifications.awaitAnnouncementsAfterCommit();
        assertThat(handled).containsExactly("after");
    }

    @Test
    void whileNotListeningNothingIsWaitedFor() {
        notifications.stop();
        long start = System.nanoTime();
        transactions.executeWithoutResult(status -> notifications.awaitAnnouncementsAfterCommit());
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms waited").isLessThan(1_000);
    }

    private void announce(String payload) {
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, payload).query((rs, i) -> 0).list();
    }
}
