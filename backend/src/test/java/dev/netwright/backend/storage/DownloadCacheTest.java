package dev.netwright.backend.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 backend's download cache: bounded in bytes, least recently used out first, never a file in use. */
class DownloadCacheTest {
    @TempDir
    Path dir;

    private static ObjectStorage.LocalFile fetch(DownloadCache cache, Path file, int bytes) throws IOException {
        return cache.fetch(file, target -> {
            Files.write(target, new byte[bytes]);
            return true;
        }).orElseThrow();
    }

    @Test
    void theLeastRecentlyUsedFileGoesFirstWhenTheCacheIsFull() throws IOException {
        DownloadCache cache = new DownloadCache(dir, 3000);
        Path a = dir.resolve("runs/a/artifact.zip@1");
        Path b = dir.resolve("runs/b/artifact.zip@1");
        Path c = dir.resolve("runs/c/artifact.zip@1");
        fetch(cache, a, 1000).close();
        fetch(cache, b, 1000).close();
        fetch(cache, c, 1000).close();
        assertThat(cache.size()).isEqualTo(3000);
        cache.use(a).orElseThrow().close(); // a is now more recently used than b

        Path d = dir.resolve("runs/d/artifact.zip@1");
        fetch(cache, d, 1000).close();
        assertThat(b).as("the least recently used file").doesNotExist();
        assertThat(cache.holds(b)).isFalse();
        assertThat(a).exists();
        assertThat(c).exists();
        assertThat(d).exists();
        assertThat(cache.size()).isEqualTo(3000);
        assertThat(cache.use(b)).isEmpty();
    }

    @Test
    void aFileInUseIsNeverEvictedAndGoesOnceItIsLetGo() throws IOException {
        DownloadCache cache = new DownloadCache(dir, 2500);
        Path a = dir.resolve("a@1");
        Path b = dir.resolve("b@1");
        try (ObjectStorage.LocalFile inUse = fetch(cache, a, 1000)) {
            fetch(cache, b, 1000).close();
            // a is the least recently used, but in use: b goes instead
            fetch(cache, dir.resolve("c@1"), 1000).close();
            assertThat(inUse.path()).exists();
            assertThat(b).doesNotExist();

            // a file larger than the whole cache while it is read: everything else goes, it stays
            try (ObjectStorage.LocalFile big = fetch(cache, dir.resolve("big@1"), 4000)) {
                assertThat(big.path()).exists();
                assertThat(a).as("still in use").exists();
                assertThat(dir.resolve("c@1")).doesNotExist();
                assertThat(cache.size()).isEqualTo(5000);
            }
            assertThat(dir.resolve("big@1")).as("let go, and over the limit").doesNotExist();
            assertThat(cache.size()).isEqualTo(1000);
        }
        assertThat(a).as("within the limit, it stays cached after use").exists();
    }

    @Test
    void aRestartTakesOverWhatWasCachedInTheOrderItWasUsedAndDropsPartialDownloads() throws IOException {
        Path old = dir.resolve("x/old@1");
        Path recent = dir.resolve("x/recent@1");
        Path partial = dir.resolve("x/.download-1.part");
        Files.createDirectories(old.getParent());
        Files.write(old, new byte[1000]);
        Files.write(recent, new byte[1000]);
        Files.write(partial, new byte[500]);
        Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(recent, FileTime.fromMillis(2_000_000));

        DownloadCache cache = new DownloadCache(dir, 2000);
        assertThat(partial).doesNotExist();
        assertThat(cache.size()).isEqualTo(2000);
        fetch(cache, dir.resolve("x/new@1"), 1000).close();
        assertThat(old).doesNotExist();
        assertThat(recent).exists();

        // and a cache made smaller than what it holds shrinks at start
        DownloadCache smaller = new DownloadCache(dir, 1000);
        assertThat(smaller.size()).isEqualTo(1000);
        assertThat(recent).doesNotExist();
    }

    @Test
    void deletedContentLeavesTheCacheAndAMissingObjectCachesNothing() throws IOException {
        DownloadCache cache = new DownloadCache(dir, 10_000);
        Path a = dir.resolve("runs/r/a@1");
        Path b = dir.resolve("runs/r/sub/b@1");
        fetch(cache, a, 100).close();
        fetch(cache, b, 100).close();
        cache.delete(dir.resolve("runs/r"));
        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
        assertThat(cache.size()).isZero();
        assertThat(cache.fetch(dir.resolve("none@1"), target -> false)).isEmpty();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("no temporary file left").isEmpty();
        }
    }
}
