package dev.netwright.backend.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
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
        // nothing found below new folders leaves none of them; folders that hold something stay
        fetch(cache, dir.resolve("kept/a@1"), 10).close();
        assertThat(cache.fetch(dir.resolve("kept/new/deeper/none@1"), target -> false)).isEmpty();
        assertThat(dir.resolve("kept/new")).doesNotExist();
        assertThat(dir.resolve("kept/a@1")).isRegularFile();
        DownloadCache folders = DownloadCache.ofFolders(dir.resolve("weights"), 10_000, 2);
        assertThat(folders.fetch(dir.resolve("weights/design/v1"), target -> false)).isEmpty();
        assertThat(dir.resolve("weights/design")).doesNotExist();
        assertThat(dir.resolve("weights")).as("the cache's own root").isDirectory();
    }

    /** A folder of two files, {@code bytes} in all, as an unpacked ZIP would be. */
    private static ObjectStorage.LocalFile unpack(DownloadCache cache, Path folder, int bytes) throws IOException {
        return cache.fetch(folder, target -> {
            Files.createDirectories(target.resolve("weights"));
            Files.write(target.resolve("model.json"), new byte[bytes / 2]);
            Files.write(target.resolve("weights/w.bin"), new byte[bytes - bytes / 2]);
            return true;
        }).orElseThrow();
    }

    @Test
    void foldersGoLeastRecentlyUsedFirstButNeverOneInUseWhichGoesOnceLetGoIfStillOverTheLimit() throws IOException {
        DownloadCache cache = DownloadCache.ofFolders(dir, 2500, 2);
        Path a = dir.resolve("d1/v1");
        Path b = dir.resolve("d1/v2");
        Path c = dir.resolve("d2/v1");
        unpack(cache, a, 1000).close();
        unpack(cache, b, 1000).close();
        assertThat(cache.size()).isEqualTo(2000);
        cache.use(a).orElseThrow().close(); // a is now more recently used than b

        ObjectStorage.LocalFile inUse = cache.use(a).orElseThrow();
        unpack(cache, c, 1000).close();
        assertThat(b).as("the least recently used folder").doesNotExist();
        assertThat(cache.holds(b)).isFalse();
        assertThat(a.resolve("weights/w.bin")).exists();
        assertThat(c).exists();

        // a is the least recently used now, but in use: it stays whole while everything else makes room
        try (ObjectStorage.LocalFile big = unpack(cache, dir.resolve("d3/v1"), 2000)) {
            assertThat(c).doesNotExist();
            assertThat(a.resolve("model.json")).exists();
            assertThat(a.resolve("weights/w.bin")).exists();
            assertThat(big.path()).exists();
            assertThat(cache.size()).isEqualTo(3000);
            inUse.close();
            assertThat(a).as("let go while the cache is over its limit").doesNotExist();
            assertThat(cache.size()).isEqualTo(2000);
        }
        assertThat(dir.resolve("d3/v1")).as("let go within the limit, it stays cached").exists();
        try (var left = Files.walk(dir)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(DownloadCache.PART_SUFFIX)).toList())
                    .as("no folder set aside is left").isEmpty();
        }
    }

    @Test
    void aFolderCachedMeanwhileByAnotherCallerIsKeptAsItIs() throws IOException {
        DownloadCache cache = DownloadCache.ofFolders(dir, 10_000, 2);
        Path a = dir.resolve("d1/v1");
        try (ObjectStorage.LocalFile first = unpack(cache, a, 1000);
             ObjectStorage.LocalFile second = unpack(cache, a, 3000)) {
            assertThat(second.path()).isEqualTo(first.path());
            assertThat(Files.size(a.resolve("model.json"))).as("the first folder, untouched").isEqualTo(500);
            assertThat(cache.size()).isEqualTo(1000);
        }
    }

    @Test
    void aRestartTakesOverTheFoldersInTheOrderTheyWereUsedAndDropsPartialOnes() throws IOException {
        Path old = dir.resolve("d1/v1");
        Path recent = dir.resolve("d2/v1");
        Path partial = dir.resolve("d2/.download-1.part");
        for (Path f : List.of(old, recent, partial)) {
            Files.createDirectories(f.resolve("weights"));
            Files.write(f.resolve("model.json"), new byte[400]);
            Files.write(f.resolve("weights/w.bin"), new byte[600]);
        }
        Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(recent, FileTime.fromMillis(2_000_000));

        DownloadCache cache = DownloadCache.ofFolders(dir, 2000, 2);
        assertThat(partial).doesNotExist();
        assertThat(cache.size()).isEqualTo(2000);
        assertThat(cache.holds(old)).isTrue();
        unpack(cache, dir.resolve("d3/v1"), 1000).close();
        assertThat(old).as("least recently used before the restart").doesNotExist();
        assertThat(recent.resolve("weights/w.bin")).exists();
    }
}
