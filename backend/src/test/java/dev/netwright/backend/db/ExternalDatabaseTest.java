package dev.netwright.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.TestApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
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
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectProvider<EmbeddedPostgres> embedded;

    @Test
    void migratesAndServesFromTheConfiguredServerWithoutStartingAnEmbeddedOne() throws IOException {
        assertThat(embedded.getIfAvailable()).isNull();
        // every migration shipped on the class path ran, up to the newest (versions compared as numbers: "9" > "22")
        assertThat(jdbc.sql("SELECT max(version::int) FROM flyway_schema_history").query(Integer.class).single())
                .isEqualTo(newestMigration());
        Api api = new Api(port);
        String name = "ext-" + System.nanoTime();
        assertThat(api.post("/api/auth/signup", Api.map("username", name, "email", name + "@example.org",
                "password", "a long enough password")).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username = ?").param(name).query(Long.class).single())
                .isEqualTo(1);
    }

    private static int newestMigration() throws IOException {
        int newest = 0;
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*.sql")) {
            Matcher m = MIGRATION.matcher(r.getFilename());
            if (m.matches()) {
                newest = Math.max(newest, Integer.parseInt(m.group(1)));
            }
        }
        assertThat(newest).as("migrations on the class path").isPositive();
        return newest;
    }
}
