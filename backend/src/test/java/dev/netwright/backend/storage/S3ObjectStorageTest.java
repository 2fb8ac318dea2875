package dev.netwright.backend.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 backend against a real S3 API server over HTTP (S3Proxy, started by the test), and the data folder backend
 * through the same contract.
 */
class S3ObjectStorageTest {
    private static S3TestServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start(dir.resolve("s3"), "netwright");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static S3ObjectStorage storage(String prefix) {
        S3ObjectStorage s3 = new S3ObjectStorage(server.settings("netwright", prefix), dir.resolve("cache-" + prefix));
        s3.check();
        return s3;
    }

    /** Writes {@code bytes} random bytes in chunks and answers their SHA-256: nothing large is held in memory. */
    private static String randomFile(Path file, long bytes, long seed) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                sha.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream d = new DigestInputStream(in, sha)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void aLargeFileGoesUpAndComesBackWholeAsAStreamAndAsACachedLocalFile() throws Exception {
        ObjectStorage s3 = storage("large");
        Path upload = dir.resolve("large.upload");
        long size = 24L << 20; // 24 MiB: past the SDK's in-memory buffers
        String sha = randomFile(upload, size, 1);
        s3.install("runs/r1/artifact.zip", upload);

        assertThat(upload).as("an installed upload leaves no temp file").doesNotExist();
        assertThat(s3.size("runs/r1/artifact.zip")).hasValue(size);
        try (InputStream in = s3.open("runs/r1/artifact.zip").orElseThrow()) {
            assertThat(sha256(in)).isEqualTo(sha);
        }
        Path local = s3.localFile("runs/r1/artifact.zip", sha).orElseThrow();
        assertThat(local).startsWith(dir.resolve("cache-large"));
        try (InputStream in = Files.newInputStream(local)) {
            assertThat(sha256(in)).isEqualTo(sha);
        }
        assertThat(s3.localFile("runs/r1/artifact.zip", sha)).as("the same version comes from the cache")
                .contains(local);
    }

    @Test
    void replacedContentIsFetchedAgainUnderItsNewVersionAndMissingKeysAreEmpty() throws Exception {
        ObjectStorage s3 = storage("replace");
        Path first = dir.resolve("first.upload");
        String v1 = randomFile(first, 1000, 2);
        s3.install("runs/r2/checkpoints.zip", first);
        Path cached1 = s3.localFile("runs/r2/checkpoints.zip", v1).orElseThrow();

        Path second = dir.resolve("second.upload");
        String v2 = randomFile(second, 2000, 3);
        s3.install("runs/r2/checkpoints.zip", second);
        Path cached2 = s3.localFile("runs/r2/checkpoints.zip", v2).orElseThrow();
        assertThat(cached2).isNotEqualTo(cached1);
        assertThat(Files.size(cached2)).isEqualTo(2000);

        assertThat(s3.open("runs/none/artifact.zip")).isEmpty();
        assertThat(s3.size("runs/none/artifact.zip")).isEmpty();
        assertThat(s3.localFile("runs/none/artifact.zip", "abc")).isEmpty();
        s3.delete("runs/r2/checkpoints.zip");
        assertThat(s3.exists("runs/r2/checkpoints.zip")).isFalse();
        assertThat(cached2).as("deleting drops this instance's cached copies").doesNotExist();
    }

    @Test
    void aFolderIsStoredFileByFileAndRemovedAsATreeWithinItsPrefixOnly() throws Exception {
        ObjectStorage s3 = storage("tree");
        Path staging = dir.resolve("staging");
        Files.createDirectories(staging.resolve("files/cats"));
        Files.writeString(staging.resolve("upload.zip"), "zip");
        Files.writeString(staging.resolve("files/cats/my cat é.png"), "png");
        Path other = dir.resolve("other.upload");
        Files.writeString(other, "keep");
        s3.install("datasets/p/d10/data.csv", other);

        s3.installTree("datasets/p/d1", staging);
        assertThat(staging).doesNotExist();
        try (InputStream in = s3.open("datasets/p/d1/files/cats/my cat é.png").orElseThrow()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("png");
        }
        s3.deleteTree("datasets/p/d1");
        assertThat(s3.exists("datasets/p/d1/upload.zip")).isFalse();
        assertThat(s3.exists("datasets/p/d1/files/cats/my cat é.png")).isFalse();
        assertThat(s3.exists("datasets/p/d10/data.csv")).as("a sibling sharing the name's start stays").isTrue();
    }

    @Test
    void twoPrefixesInOneBucketDoNotSeeEachOther() throws Exception {
        ObjectStorage a = storage("tenant-a");
        ObjectStorage b = storage("tenant-b");
        Path f = dir.resolve("tenant.upload");
        Files.writeString(f, "a");
        a.install("runs/x/artifact.zip", f);
        assertThat(a.exists("runs/x/artifact.zip")).isTrue();
        assertThat(b.exists("runs/x/artifact.zip")).isFalse();
    }

    @Test
    void wrongKeysOrBucketFailAtStartNamingTheSetting() {
        S3ObjectStorage wrongSecret = new S3ObjectStorage(new StorageProperties.S3(server.endpoint(), null,
                "netwright", null, S3TestServer.ACCESS_KEY, "not-the-secret", null), dir.resolve("c1"));
        assertThatThrownBy(wrongSecret::check).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("netwright.storage.s3: bucket 'netwright' cannot be reached");
        S3ObjectStorage noBucket = new S3ObjectStorage(server.settings("no-such-bucket", ""), dir.resolve("c2"));
        assertThatThrownBy(noBucket::check).hasMessageStartingWith(
                "netwright.storage.s3: bucket 'no-such-bucket' cannot be reached");
    }

    @Test
    void keysThatWouldLeaveTheirFolderAreRefusedByBothBackends() throws IOException {
        ObjectStorage local = new LocalObjectStorage(dir.resolve("data"));
        ObjectStorage s3 = storage("keys");
        for (ObjectStorage storage : new ObjectStorage[] {local, s3}) {
            for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "a\\b", ""}) {
                assertThatThrownBy(() -> storage.open(bad)).as(storage.backend() + " " + bad)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("storage key");
            }
        }
    }

    @Test
    void theDataFolderBackendKeepsTheLayoutTheAppAlwaysHad() throws Exception {
        Path data = dir.resolve("folder");
        ObjectStorage local = new LocalObjectStorage(data);
        Path f = dir.resolve("local.upload");
        String sha = randomFile(f, 5000, 4);
        local.install("runs/r/artifact.zip", f);
        assertThat(data.resolve("runs/r/artifact.zip")).exists();
        assertThat(local.localFile("runs/r/artifact.zip", sha)).contains(data.resolve("runs/r/artifact.zip"));
        local.deleteTree("runs/r");
        assertThat(data.resolve("runs/r")).doesNotExist();
    }
}
