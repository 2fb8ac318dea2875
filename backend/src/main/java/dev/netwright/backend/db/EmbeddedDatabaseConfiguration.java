package dev.netwright.backend.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.netwright.backend.NetwrightProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When no database URL is configured, runs a real PostgreSQL from the zonky binaries on the class path, keeping its
 * files in {@code <data-dir>/postgres} so that they survive restarts. A user's fresh machine needs nothing installed.
 * Every connection needs a generated password ({@link EmbeddedPassword}). With {@code NETWRIGHT_DB_URL} (or
 * {@code spring.datasource.url}) set, Spring Boot's own DataSource is used instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
public class EmbeddedDatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    static final String DATABASE = "netwright";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(NetwrightProperties properties) throws IOException, SQLException {
        return start(pgDir(properties), properties.db());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg, NetwrightProperties properties) throws SQLException, IOException {
        createDatabaseIfMissing(pg);
        HikariConfig config = new HikariConfig();
        config.setPoolName("netwright-embedded");
        config.setJdbcUrl(pg.getJdbcUrl("postgres", DATABASE));
        config.setPassword(EmbeddedPassword.read(EmbeddedPassword.file(pgDir(properties))));
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }

    private static Path pgDir(NetwrightProperties properties) {
        return properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
    }

    /**
     * Starts (initialising on first use) the server keeping its files in {@code dir}. Every connection needs the
     * password from {@link EmbeddedPassword}; a folder from before passwords is moved to them on the way.
     */
    static EmbeddedPostgres start(Path dir, NetwrightProperties.Db db) throws IOException, SQLException {
        if (db.clean()) {
            deleteRecursively(dir);
        }
        Files.createDirectories(dir.getParent());
        LeftoverPostmaster.stopIfOrphaned(dir);
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        Path passwordFile = EmbeddedPassword.file(dir);
        String password = fresh || EmbeddedPassword.trustsConnections(dir) ? EmbeddedPassword.readOrCreate(passwordFile)
                : EmbeddedPassword.read(passwordFile);
        long started = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Local connections only; the embedded server is not meant to be reached from other hosts.
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                // zonky starts PostgreSQL with -F (no fsync), fine for tests but not for a user's data.
                .setServerConfig("fsync", db.durable() ? "on" : "off")
                .setServerConfig("synchronous_commit", db.durable() ? "on" : "off")
                // zonky's own connections (start-up check, getPostgresDatabase) present the password too
                .setConnectConfig("password", password);
        if (fresh) {
            // zonky passes these to initdb as --auth=... --pwfile=..., after (and so instead of) its own -A trust
            builder.setLocaleConfig("auth", EmbeddedPassword.METHOD)
                    .setLocaleConfig("pwfile", passwordFile.toString());
        }
        if (db.port() > 0) {
            builder.setPort(db.port());
        }
        EmbeddedPostgres pg = builder.start();
        try {
            if (EmbeddedPassword.trustsConnections(dir)) {
                EmbeddedPassword.requirePassword(pg.getPostgresDatabase(), dir, password);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            pg.close();
            throw e;
        }
        log.info("Embedded PostgreSQL {} on 127.0.0.1:{}, data in {} ({} ms)", fresh ? "initialised" : "started",
                pg.getPort(), dir, (System.nanoTime() - started) / 1_000_000);
        return pg;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
