package dev.netwright.backend;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code netwright.*}.
 *
 * @param dataDir  where the embedded database, uploads and (later) checkpoints live; {@code ./data} by default
 * @param db       embedded database settings
 * @param security sign-up and login throttling
 * @param datasets upload limits
 */
@ConfigurationProperties("netwright")
public record NetwrightProperties(Path dataDir, Db db, Security security, Datasets datasets) {

    public NetwrightProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, null, null) : db;
        security = security == null ? new Security(null, 5, 300, null, 0) : security;
        datasets = datasets == null ? new Datasets(null, null, 0, 0) : datasets;
    }

    /**
     * Every option may be left out on its own; the defaults live here only. Boxed so that an option that was not
     * set is told apart from one set to false: binding a missing primitive boolean gives false, which once turned
     * fsync off whenever only another {@code netwright.db.*} option was set.
     *
     * @param port    fixed port for the embedded server, or 0 for any free port (default 0)
     * @param clean   wipe the embedded data folder at start, tests only (default false)
     * @param durable fsync and synchronous commit on (default true; off only for throwaway test data)
     */
    public record Db(Integer port, Boolean clean, Boolean durable) {
        public Db {
            port = port == null ? 0 : port;
            clean = clean != null && clean;
            durable = durable == null || durable;
        }
    }

    /**
     * @param signup          who may create an account; the very first account always may (from another machine
     *                        than the server's only with the set-up token printed in the log at start)
     * @param maxFailedLogins failed logins in a row before an account is locked for a while
     * @param lockSeconds     how long such a lock lasts
     * @param trustedProxies  addresses of the reverse proxies whose {@code X-Forwarded-For} and
     *                        {@code X-Forwarded-Proto} headers are believed (client address, HTTPS); nobody's by
     *                        default
     * @param signupsPerHour  accounts one client address may create per hour (this machine's own requests excepted)
     */
    public record Security(Signup signup, int maxFailedLogins, long lockSeconds, List<String> trustedProxies,
                           int signupsPerHour) {
        public Security {
            signup = signup == null ? Signup.OPEN : signup;
            maxFailedLogins = maxFailedLogins <= 0 ? 5 : maxFailedLogins;
            lockSeconds = lockSeconds <= 0 ? 300 : lockSeconds;
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
            signupsPerHour = signupsPerHour <= 0 ? 10 : signupsPerHour;
        }
    }

    /** Who may create an account after the first one. */
    public enum Signup {
        /** anyone who reaches the server */
        OPEN,
        /** only with an invitation code an administrator created ({@code POST /api/admin/signup-invitations}) */
        INVITATION,
        /** nobody; administrators hand out accounts some other way */
        CLOSED
    }

    /**
     * @param maxUploadSize     largest accepted upload file
     * @param maxExtractedSize  largest total size a ZIP may expand to (counted while extracting, not as declared)
     * @param maxZipEntries     most entries a ZIP may hold
     * @param maxCompressionRatio largest expansion ratio of a ZIP entry above 1 MiB (zip-bomb guard)
     */
    public record Datasets(DataSize maxUploadSize, DataSize maxExtractedSize, int maxZipEntries,
                           int maxCompressionRatio) {
        public Datasets {
            maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(512) : maxUploadSize;
            maxExtractedSize = maxExtractedSize == null ? DataSize.ofGigabytes(4) : maxExtractedSize;
            maxZipEntries = maxZipEntries <= 0 ? 200_000 : maxZipEntries;
            maxCompressionRatio = maxCompressionRatio <= 0 ? 200 : maxCompressionRatio;
        }
    }
}
