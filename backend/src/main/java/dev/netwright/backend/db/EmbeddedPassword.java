package dev.netwright.backend.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's superuser password. Generated once, kept in the data folder in a file only its owner can
 * read ({@code postgres-password}, mode 600), next to the {@code postgres} folder (initdb wants that one empty).
 * The server asks every connection, local socket or TCP, for it (SCRAM): another account on a shared host cannot
 * connect as superuser, so it cannot make itself administrator or run commands through {@code COPY ... TO PROGRAM}.
 */
final class EmbeddedPassword {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPassword.class);
    static final String FILE_NAME = "postgres-password";
    static final String METHOD = "scram-sha-256";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private EmbeddedPassword() {
    }

    /** The password file for the server whose data lives in {@code pgDir}. */
    static Path file(Path pgDir) {
        return pgDir.resolveSibling(FILE_NAME);
    }

    /** Reads the password; makes one (owner-only file) when there is none yet. */
    static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file);
            return read(file);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        // URL-safe Base64: no quote or backslash, so it can stand in an SQL literal and in initdb's --pwfile as is
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path tmp = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system: the folder's own protection applies
        }
        Files.writeString(tmp, password, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file); // never replaces a password written meanwhile
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
            return read(file);
        }
        log.info("Generated the embedded database's password in {} (readable by its owner only)", file);
        return password;
    }

    static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The embedded database asks for a password, but its file " + file
                    + " is missing. Restore it from a backup of the data folder (it was written at first start).");
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty() || !password.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalStateException("The embedded database's password file " + file + " is damaged");
        }
        return password;
    }

    private static void restrict(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                log.warn("{} was readable by others; made it owner-only", file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    /** Whether pg_hba.conf still lets any connection in without a password (a folder made before passwords). */
    static boolean trustsConnections(Path pgDir) throws IOException {
        return Files.readAllLines(pgDir.resolve("pg_hba.conf"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .anyMatch(l -> List.of(l.split("\\s+")).contains("trust"));
    }

    /**
     * Moves a data folder that trusted every local connection to password authentication, keeping its data: sets
     * the superuser's password (the server still trusts this connection), then writes pg_hba.conf and reloads it.
     * Each step can be repeated, so a start interrupted halfway finishes the move on the next start.
     */
    static void requirePassword(DataSource trusted, Path pgDir, String password) throws IOException, SQLException {
        try (Connection c = trusted.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = '" + METHOD + "'");
            s.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
            Path hba = pgDir.resolve("pg_hba.conf");
            Path tmp = pgDir.resolve("pg_hba.conf.new");
            Files.writeString(tmp, """
                    # Written by Netwright: every connection needs the password kept in ../%s.
                    # TYPE  DATABASE  USER  ADDRESS        METHOD
                    local   all       all                  %s
                    host    all       all   127.0.0.1/32   %s
                    host    all       all   ::1/128        %s
                    """.formatted(FILE_NAME, METHOD, METHOD, METHOD), StandardCharsets.UTF_8);
            Files.move(tmp, hba, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            s.execute("SELECT pg_reload_conf()");
        }
        log.warn("The embedded database in {} trusted every local connection; it now asks for the password in {}",
                pgDir, file(pgDir));
    }
}
