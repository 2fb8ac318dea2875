package dev.netwright.backend.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.NetwrightProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The embedded PostgreSQL as a user's machine gets it: durable whatever other {@code netwright.db.*} options are
 * set, and closed to anyone without the generated password (also for data folders made before passwords).
 */
class EmbeddedDatabaseTest {
    @TempDir
    Path tmp;

    private static NetwrightProperties bind(Map<String, String> options) {
        return new Binder(new MapConfigurationPropertySource(options))
                .bindOrCreate("netwright", Bindable.of(NetwrightProperties.class));
    }

    /** Every combination of the three options: durability only ever follows netwright.db.durable itself. */
    @Test
    void durabilityDependsOnlyOnTheDurableOption() {
        List<String> ports = new ArrayList<>(List.of("", "5499"));
        List<String> flags = List.of("", "true", "false");
        int combinations = 0;
        for (String port : ports) {
            for (String clean : flags) {
                for (String durable : flags) {
                    Map<String, String> options = new HashMap<>();
                    put(options, "netwright.db.port", port);
                    put(options, "netwright.db.clean", clean);
                    put(options, "netwright.db.durable", durable);
                    NetwrightProperties.Db db = bind(options).db();
                    assertThat(db.durable()).as("durable with %s", options).isEqualTo(!durable.equals("false"));
                    assertThat(db.clean()).as("clean with %s", options).isEqualTo(clean.equals("true"));
                    assertThat(db.port()).as("port with %s", options).isEqualTo(port.isEmpty() ? 0 : 5499);
                    combinations++;
                }
            }
        }
        assertThat(combinations).isEqualTo(18);
        assertThat(bind(Map.of()).db().durable()).as("no option at all").isTrue();
    }

    private static void put(Map<String, String> options, String key, String value) {
        if (!value.isEmpty()) {
            options.put(key, value);
        }
    }

    /** What the running server reports, for option sets that once differed (setting only the port turned fsync off). */
    @Test
    void theRunningServerReportsFsyncAndSynchronousCommit() throws Exception {
        Map<Map<String, String>, String> expected = new LinkedHashMap<>();
        expected.put(Map.of(), "on");
        expected.put(Map.of("netwright.db.port", String.valueOf(freePort())), "on");
        expected.put(Map.of("netwright.db.clean", "true"), "on");
        expected.put(Map.of("netwright.db.durable", "false"), "off");
        int i = 0;
        for (var e : expected.entrySet()) {
            Path dir = tmp.resolve("combo-" + i++).resolve("postgres");
            NetwrightProperties.Db db = bind(e.getKey()).db();
            try (EmbeddedPostgres pg = EmbeddedDatabaseConfiguration.start(dir, db);
                 Connection c = connect(pg.getPort(), password(dir));
                 Statement s = c.createStatement()) {
                assertThat(show(s, "fsync")).as("fsync with %s", e.getKey()).isEqualTo(e.getValue());
                assertThat(show(s, "synchronous_commit")).as("synchronous_commit with %s", e.getKey())
                        .isEqualTo(e.getValue());
                if (db.port() > 0) {
                    assertThat(pg.getPort()).isEqualTo(db.port());
                }
            }
        }
    }

    @Test
    void aFreshServerRefusesConnectionsWithoutItsPassword() throws Exception {
        Path dir = tmp.resolve("fresh").resolve("postgres");
        try (EmbeddedPostgres pg = EmbeddedDatabaseConfiguration.start(dir, new NetwrightProperties.Db(null, null,
                false))) {
            Path file = EmbeddedPassword.file(dir);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(file.getParent()).isEqualTo(dir.getParent());
            assertRefusedWithoutPassword(pg.getPort());
            try (Connection c = connect(pg.getPort(), password(dir)); Statement s = c.createStatement()) {
                assertThat(show(s, "password_encryption")).isEqualTo("scram-sha-256");
            }
            assertThat(EmbeddedPassword.trustsConnections(dir)).isFalse();
        }
        // a restart reads the same password
        try (EmbeddedPostgres pg = EmbeddedDatabaseConfiguration.start(dir, new NetwrightProperties.Db(null, null,
                false)); Connection c = connect(pg.getPort(), password(dir))) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    /** A data folder initialised with {@code -A trust} (every Netwright before passwords) keeps its data. */
    @Test
    void aFolderThatTrustedEveryoneMovesToThePasswordAndKeepsItsData() throws Exception {
        Path dir = tmp.resolve("old").resolve("postgres");
        Files.createDirectories(dir);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .start(); Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('saved before passwords')");
        }
        assertThat(EmbeddedPassword.trustsConnections(dir)).isTrue();
        assertThat(EmbeddedPassword.file(dir)).doesNotExist();

        for (int start = 1; start <= 2; start++) {
            try (EmbeddedPostgres pg = EmbeddedDatabaseConfiguration.start(dir, new NetwrightProperties.Db(null, null,
                    false))) {
                assertThat(EmbeddedPassword.trustsConnections(dir)).as("start %d", start).isFalse();
                assertRefusedWithoutPassword(pg.getPort());
                try (Connection c = connect(pg.getPort(), password(dir)); Statement s = c.createStatement()) {
                    var rs = s.executeQuery("SELECT v FROM kept");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("saved before passwords");
                }
            }
        }
    }

    private static void assertRefusedWithoutPassword(int port) {
        assertThatThrownBy(() -> connect(port, null).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> connect(port, "wrong").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    private static String password(Path pgDir) throws IOException {
        return Files.readString(EmbeddedPassword.file(pgDir)).strip();
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    private static String show(Statement s, String setting) throws SQLException {
        var rs = s.executeQuery("SHOW " + setting);
        rs.next();
        return rs.getString(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
