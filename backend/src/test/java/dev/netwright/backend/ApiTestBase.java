package dev.netwright.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the integration tests: the real app on a random port against the real embedded PostgreSQL. Every test
 * class uses exactly this configuration, so Spring caches one context (and one database) for the whole JVM.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestBase {
    private static final AtomicInteger USERS = new AtomicInteger();
    public static final String PASSWORD = "a long enough password";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** Signs up a fresh account and returns a client holding its session. */
    protected Api newUser(String prefix) {
        String name = prefix + "-" + USERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        Api api = new Api(port);
        Api.Res r = api.post("/api/auth/signup", Api.map("username", name, "email", name + "@example.org",
                "password", PASSWORD));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return api;
    }

    protected static String username(Api api) {
        return api.get("/api/auth/me").str("username");
    }

    protected UUID workspace(Api owner, String name) {
        Api.Res r = owner.post("/api/workspaces", Api.map("name", name));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.id();
    }

    protected UUID project(Api owner, UUID workspace) {
        Api.Res r = owner.post("/api/workspaces/" + workspace + "/projects", Api.map("name", "p", "description", ""));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.id();
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Invites {@code who} with {@code role} and has them accept. */
    protected void addMember(Api owner, UUID workspace, Api who, String role) {
        Api.Res inv = owner.post("/api/workspaces/" + workspace + "/invitations",
                Api.map("user", username(who), "role", role));
        assertThat(inv.status()).as(inv.text()).isEqualTo(201);
        Api.Res acc = who.post("/api/invitations/" + inv.id() + "/accept", "");
        assertThat(acc.status()).as(acc.text()).isEqualTo(200);
    }
}
