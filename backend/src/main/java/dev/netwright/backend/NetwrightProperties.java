package dev.netwright.backend;

import java.nio.file.Path;
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
        security = security == null ? new Security(true, 5, 300) : security;
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
     * @param openSignup         whether anyone may create an account (the very first account always may)
     * @param maxFailedLogins    failed logins in a row before an account is locked for a while
     * @param lockSeconds        how long such a lock lasts
     */
    public record Security(boolean openSignup, int maxFailedLogins, long lockSeconds) {
        public Security {
            maxFailedLogins = maxFailedLogins <= 0 ? 5 : maxFailedLogins;
            lockSeconds = lockSeconds <= 0 ? 300 : lockSeconds;
        }
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
