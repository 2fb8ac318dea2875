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
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

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

    private static S3ObjectStorage storage(String prefix) throws IOException {
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
        try (ObjectStorage.LocalFile local = s3.localFile("runs/r1/artifact.zip", sha).orElseThrow()) {
            assertThat(local.path()).startsWith(dir.resolve("cache-large"));
            try (InputStream in = Files.newInputStream(local.path())) {
                assertThat(sha256(in)).isEqualTo(sha);
            }
            try (ObjectStorage.LocalFile again = s3.localFile("runs/r1/artifact.zip", sha).orElseThrow()) {
                assertThat(again.path()).as("the same version comes from the cache").isEqualTo(local.path());
            }
        }
    }

    @Test
    void replacedContentIsFetchedAgainUnderItsNewVersionAndMissingKeysAreEmpty() throws Exception {
        ObjectStorage s3 = storage("replace");
        Path first = dir.resolve("first.upload");
        String v1 = randomFile(first, 1000, 2);
        s3.install("runs/r2/checkpoints.zip", first);
        Path cached1 = s3.localFile("runs/r2/checkpoints.zip", v1).orElseThrow().path();

        Path second = dir.resolve("second.upload");
        String v2 = randomFile(second, 2000, 3);
        s3.install("runs/r2/checkpoints.zip", second);
        Path cached2 = s3.localFile("runs/r2/checkpoints.zip", v2).orElseThrow().path();
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
    void wrongKeysOrBucketFailAtStartNamingTheSetting() throws IOException {
        S3ObjectStorage wrongSecret = new S3ObjectStorage(new StorageProperties.S3(server.endpoint(), null,
                "netwright", null, S3TestServer.ACCESS_KEY, "not-the-secret", null, null, null, null),
                dir.resolve("c1"));
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
        assertThat(local.localFile("runs/r/artifact.zip", sha).orElseThrow().path())
                .isEqualTo(data.resolve("runs/r/artifact.zip"));
        local.deleteTree("runs/r");
        assertThat(data.resolve("runs/r")).doesNotExist();
    }

    /** Counts the S3 requests of each kind the client sends, and fails the {@code failAt}-th part upload if asked. */
    private static final class Requests implements ExecutionInterceptor {
        final java.util.Map<String, Integer> sent = new java.util.concurrent.ConcurrentHashMap<>();
        final int failAt;

        Requests(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String kind = context.request().getClass().getSimpleName();
            int n = sent.merge(kind, 1, Integer::sum);
            if (kind.equals("UploadPartRequest") && n == failAt) {
                throw SdkClientException.create("connection reset (injected by the test) at part " + n);
            }
        }
    }

    private static S3ObjectStorage multipart(String prefix, Requests requests) throws IOException {
        S3ObjectStorage s3 = new S3ObjectStorage(server.settings("netwright", prefix, null, DataSize.ofMegabytes(5),
                DataSize.ofMegabytes(5)), dir.resolve("cache-" + prefix),
                b -> b.overrideConfiguration(c -> c.addExecutionInterceptor(requests)));
        s3.check();
        return s3;
    }

    @Test
    void aFileAboveTheThresholdGoesUpInPartsAndComesBackWhole() throws Exception {
        Requests requests = new Requests(0);
        ObjectStorage s3 = multipart("multipart", requests);
        Path upload = dir.resolve("multipart.upload");
        long size = (12L << 20) + 12345; // 5 MiB parts: 5 + 5 + 2 MiB and a bit
        String sha = randomFile(upload, size, 5);
        s3.install("runs/m/artifact.zip", upload);

        assertThat(requests.sent).containsEntry("CreateMultipartUploadRequest", 1)
                .containsEntry("UploadPartRequest", 3).containsEntry("CompleteMultipartUploadRequest", 1)
                .doesNotContainKey("PutObjectRequest");
        assertThat(upload).doesNotExist();
        assertThat(s3.size("runs/m/artifact.zip")).hasValue(size);
        try (InputStream in = s3.open("runs/m/artifact.zip").orElseThrow()) {
            assertThat(sha256(in)).isEqualTo(sha);
        }
        // below the threshold: one request
        Path small = dir.resolve("small.upload");
        randomFile(small, 1000, 6);
        s3.install("runs/m/small.bin", small);
        assertThat(requests.sent).containsEntry("PutObjectRequest", 1).containsEntry("UploadPartRequest", 3);
    }

    @Test
    void aFailedPartAbortsTheUploadLeavingNothingHalfWritten() throws Exception {
        Requests requests = new Requests(2);
        ObjectStorage s3 = multipart("aborted", requests);
        Path upload = dir.resolve("aborted.upload");
        randomFile(upload, 11L << 20, 7);
        assertThatThrownBy(() -> s3.install("runs/a/artifact.zip", upload)).isInstanceOf(IOException.class)
                .hasMessageContaining("S3 upload part 2 of 'runs/a/artifact.zip' in bucket 'netwright' failed")
                .hasMessageContaining("injected by the test");

        assertThat(requests.sent).containsEntry("AbortMultipartUploadRequest", 1)
                .doesNotContainKey("CompleteMultipartUploadRequest");
        assertThat(s3.exists("runs/a/artifact.zip")).as("no object, not even part of one").isFalse();
        assertThat(upload).as("the file stays for the caller to retry or remove").exists();
        try (var client = server.client()) {
            assertThat(client.listMultipartUploads(l -> l.bucket("netwright").prefix("aborted/")).uploads())
                    .as("no multipart upload left open").isEmpty();
            assertThat(client.listObjectsV2(l -> l.bucket("netwright").prefix("aborted/")).contents())
                    .as("no parts left in the bucket").isEmpty();
        }
    }

    @Test
    void thePartSizeGrowsToStayWithinTenThousandPartsAndMayNotGoBelowFiveMegabytes() {
        long fiveMb = 5L << 20;
        assertThat(MultipartUpload.partSize(12L << 20, fiveMb)).isEqualTo(fiveMb);
        long fiveTb = 5L << 40;
        long part = MultipartUpload.partSize(fiveTb, fiveMb);
        assertThat((fiveTb + part - 1) / part).isLessThanOrEqualTo(MultipartUpload.MAX_PARTS);
        assertThatThrownBy(() -> server.settings("netwright", "", null, null, DataSize.ofMegabytes(1)))
                .hasMessageContaining("netwright.storage.s3.part-size must be at least 5MB");
    }

    @Test
    void theDownloadCacheKeepsToItsSizeAndKeepsAFileInUse() throws Exception {
        S3ObjectStorage s3 = new S3ObjectStorage(server.settings("netwright", "bounded", DataSize.ofBytes(2500),
                null, null), dir.resolve("cache-bounded"));
        String[] versions = new String[3];
        for (int i = 0; i < 3; i++) {
            Path f = dir.resolve("bounded-" + i + ".upload");
            versions[i] = randomFile(f, 1000, 10 + i);
            s3.install("runs/b" + i + "/artifact.zip", f);
        }
        try (ObjectStorage.LocalFile first = s3.localFile("runs/b0/artifact.zip", versions[0]).orElseThrow()) {
            Path second;
            try (ObjectStorage.LocalFile read = s3.localFile("runs/b1/artifact.zip", versions[1]).orElseThrow()) {
                second = read.path();
            }
            try (ObjectStorage.LocalFile third = s3.localFile("runs/b2/artifact.zip", versions[2]).orElseThrow()) {
                assertThat(second).as("least recently used and not in use").doesNotExist();
                assertThat(first.path()).as("in use").exists();
                assertThat(third.path()).exists();
                assertThat(s3.downloads().size()).isLessThanOrEqualTo(2500);
            }
        }
    }
}
