package dev.netwright.backend.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.netwright.backend.Api;
import dev.netwright.backend.TestApplication;
import dev.netwright.backend.resources.StreamSlots;
import dev.netwright.backend.run.RunTestSupport;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two app instances on one PostgreSQL, as behind a cluster's load balancer: this test JVM's app and a second one
 * started here on the same database (its own port and data folder, no in-process workers). The per-account login
 * lock, the per-address login throttle, the per-user cap on live event streams and the per-user cap on active runs
 * hold across both: what a client spends on one instance counts on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsAcrossInstancesTest extends RunTestSupport {
    @Autowired
    DataSource dataSource;
    @Autowired
    StreamSlots slots;

    private ConfigurableApplicationContext second;
    private int port2;

    @BeforeEach
    void someoneElseIsTheAdministrator() throws SQLException {
        newUser("first"); // on a fresh database the first account is the administrator
        if (second == null) {
            startASecondInstanceOnTheSameDatabase();
        }
    }

    private void startASecondInstanceOnTheSameDatabase() throws SQLException {
        HikariDataSource db = dataSource.unwrap(HikariDataSource.class);
        second = new SpringApplicationBuilder(TestApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + db.getJdbcUrl(),
                "--spring.datasource.username=" + (db.getUsername() == null ? "postgres" : db.getUsername()),
                "--spring.datasource.password=" + (db.getPassword() == null ? "" : db.getPassword()),
                "--netwright.data-dir=target/it-data-second-instance", "--netwright.jobs.local-workers=0");
        port2 = ((WebServerApplicationContext) second).getWebServer().getPort();
        assertThat(port2).isNotEqualTo(port);
    }

    @AfterAll
    void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void failedLoginsOnOneInstanceLockTheAccountAndTheAddressOnTheOther() {
        String name = username(newUser("locked-across"));
        // failures alternate between the instances; the fifth (on instance 1) locks the account
        for (int i = 1; i <= 4; i++) {
            Api on = new Api(i % 2 == 0 ? port : port2);
            assertThat(on.post("/api/auth/login", Api.map("username", name, "password", "guess " + i)).status())
                    .isEqualTo(401);
        }
        assertThat(new Api(port).post("/api/auth/login", Api.map("username", name, "password", "guess 5"))
                .status()).isEqualTo(429);
        Api.Res right = new Api(port2).post("/api/auth/login", Api.map("username", name, "password", PASSWORD));
        assertThat(right.status()).as("the right password on the other instance: %s", right.text()).isEqualTo(429);
        assertThat(right.str("detail")).contains("this account is locked");

        // one address guessing across many names, half on each instance: cut off after 30 in all, on both
        String address = "203.0.113.91";
        String real = username(newUser("guessed-across"));
        for (int i = 0; i < 30; i++) {
            Api on = new Api(i % 2 == 0 ? port : port2).header("X-Forwarded-For", address);
            assertThat(on.post("/api/auth/login", Api.map("username", "nobody-" + i, "password", "guess"))
                    .status()).isEqualTo(401);
        }
        for (int p : new int[] {port, port2}) {
            Api.Res refused = new Api(p).header("X-Forwarded-For", address)
                    .post("/api/auth/login", Api.map("username", real, "password", PASSWORD));
            assertThat(refused.status()).as(refused.text()).isEqualTo(429);
            assertThat(refused.str("detail")).contains("too many failed logins from your address");
        }
        assertThat(new Api(port2).header("X-Forwarded-For", "203.0.113.92")
                .post("/api/auth/login", Api.map("username", real, "password", PASSWORD)).status())
                .as("another address is not affected").isEqualTo(200);
    }

    @Test
    void eventStreamsAreCappedPerUserAcrossInstancesAndComeBackWhenAnInstanceGoes() throws Exception {
        Api owner = newUser("streams-across");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], uniqueQueue("parked"), 0, 1, 50));
        UUID userId = jdbc.sql("SELECT created_by FROM runs WHERE id = ?").param(run).query(UUID.class).single();
        // sessions live in one instance's memory; an API token works on both
        String token = owner.post("/api/tokens", Api.map("name", "two instances")).str("token");
        Api on1 = new Api(port).bearer(token);
        Api on2 = new Api(port2).bearer(token);

        List<CompletableFuture<HttpResponse<String>>> open = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            open.add((i % 2 == 0 ? on1 : on2).getAsync("/api/runs/" + run + "/events",
                    "Accept", "text/event-stream"));
        }
        await("16 streams open on the two instances", () -> slots.openStreams(userId) == 16);
        for (Api on : List.of(on1, on2)) {
            Api.Res refused = on.get("/api/runs/" + run + "/events");
            assertThat(refused.status()).as(refused.text()).isEqualTo(429);
            assertThat(refused.str("detail")).contains("you already have 16 live event streams open");
            // the design save notices share the same cap
            assertThat(on.get("/api/designs/" + pd[1] + "/events").status()).isEqualTo(429);
        }

        // instance 2 goes away: its 8 streams end and their slots come back to the user
        second.close();
        second = null;
        await("instance 2's slots given back", () -> slots.openStreams(userId) == 8);
        assertThat(on1.openStream("/api/designs/" + pd[1] + "/events").status()).isEqualTo(200);

        // the run ends: instance 1's streams end too and give their slots back
        assertThat(owner.post("/api/runs/" + run + "/cancel", "").status()).isEqualTo(200);
        for (int i = 0; i < open.size(); i += 2) {
            assertThat(open.get(i).get(30, TimeUnit.SECONDS).body()).contains("CANCELLED");
        }
        await("every slot given back", () -> slots.openStreams(userId) == 0);
    }

    /** Both instances keep the token they just authenticated in memory; a revocation on one reaches the other at once. */
    @Test
    void aTokenRevokedOnOneInstanceIsRefusedOnTheOtherAtOnce() {
        Api owner = newUser("revoker");
        Api.Res created = owner.post("/api/tokens", Api.map("name", "used on both"));
        Api on1 = new Api(port).bearer(created.str("token"));
        Api on2 = new Api(port2).bearer(created.str("token"));
        for (int i = 0; i < 3; i++) {
            assertThat(on1.get("/api/auth/me").status()).isEqualTo(200);
            assertThat(on2.get("/api/auth/me").status()).isEqualTo(200);
        }
        assertThat(owner.delete("/api/tokens/" + created.id()).status()).isEqualTo(204);
        assertThat(on1.get("/api/auth/me").status()).as("refused at once where it was revoked").isEqualTo(401);
        // the other instance hears it on its LISTEN connection: well within the cache's 10 s lifetime
        long start = System.nanoTime();
        await("the second instance to refuse the revoked token", () -> on2.get("/api/auth/me").status() == 401);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void theSlotsOfAnInstanceKilledWithItsStreamsOpenExpire() {
        Api owner = newUser("streams-killed");
        UUID[] pd = projectWithDesign(owner);
        UUID userId = jdbc.sql("SELECT created_by FROM designs WHERE id = ?").param(pd[1]).query(UUID.class)
                .single();
        // a killed instance leaves its rows behind, no longer renewed: here 16 that expire in 3 seconds
        for (int i = 0; i < 16; i++) {
            jdbc.sql("""
                    INSERT INTO stream_slots (id, user_id, holder, expires_at)
                    VALUES (?, ?, 'killed-instance', now() + interval '3 seconds')""")
                    .params(UUID.randomUUID(), userId).update();
        }
        assertThat(new Api(port2).bearer(owner.post("/api/tokens", Api.map("name", "t")).str("token"))
                .get("/api/designs/" + pd[1] + "/events").status()).isEqualTo(429);
        await("the dead instance's slots expired", () -> slots.openStreams(userId) == 0);
        assertThat(owner.openStream("/api/designs/" + pd[1] + "/events").status()).isEqualTo(200);
        assertThat(slots.ttl().toSeconds()).as("a live instance renews well within a slot's lifetime")
                .isGreaterThanOrEqualTo(10);
    }

    @Test
    void runsQueuedAllAtOnceOnBothInstancesStopAtTheUsersCap() throws Exception {
        Api owner = newUser("runs-across");
        UUID[] pd = projectWithDesign(owner);
        String token = owner.post("/api/tokens", Api.map("name", "two instances")).str("token");
        List<Api> instances = List.of(new Api(port).bearer(token), new Api(port2).bearer(token));
        String parked = uniqueQueue("parked");
        // 60 requests at once, half on each instance, for a cap of 50 queued or running runs per user
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 60; i++) {
                Api on = instances.get(i % 2);
                answers.add(CompletableFuture.supplyAsync(
                        () -> createRun(on, pd[0], pd[1], parked, 0, 1, 50).status(), threads));
            }
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(50);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(10);
        assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE queue = ?").param(parked).query(Long.class).single())
                .isEqualTo(50);
        jdbc.sql("UPDATE runs SET status = 'CANCELLED', finished_at = now() WHERE queue = ?").param(parked).update();
    }

    private static void await(String what, BooleanSupplier done) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(50);
        }
    }
}
