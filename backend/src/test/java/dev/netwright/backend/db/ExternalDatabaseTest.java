package dev.netwright.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.TestApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * External-database mode against a real PostgreSQL server. Opt-in, because a fresh machine has none: set
 * NETWRIGHT_TEST_DB_URL (an empty database, e.g. jdbc:postgresql://127.0.0.1:5432/netwright_it) and optionally
 * NETWRIGHT_TEST_DB_USER / NETWRIGHT_TEST_DB_PASSWORD.
 */
@EnabledIfEnvironmentVariable(named = "NETWRIGHT_TEST_DB_URL", matches = "jdbc:postgresql:.+")
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=${NETWRIGHT_TEST_DB_URL}",
                "spring.datasource.username=${NETWRIGHT_TEST_DB_USER:postgres}",
                "spring.datasource.password=${NETWRIGHT_TEST_DB_PASSWORD:}"})
class ExternalDatabaseTest {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectProvider<EmbeddedPostgres> embedded;

    @Test
    void migratesAndServesFromTheConfiguredServerWithoutStartingAnEmbeddedOne() {
        assertThat(embedded.getIfAvailable()).isNull();
        assertThat(jdbc.sql("SELECT max(version) FROM flyway_schema_history").query(String.class).single())
                .isEqualTo("1");
        Api api = new Api(port);
        String name = "ext-" + System.nanoTime();
        assertThat(api.post("/api/auth/signup", Api.map("username", name, "email", name + "@example.org",
                "password", "a long enough password")).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username = ?").param(name).query(Long.class).single())
                .isEqualTo(1);
    }
}
