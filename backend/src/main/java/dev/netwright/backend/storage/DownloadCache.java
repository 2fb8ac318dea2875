package dev.netwright.backend.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 backend's downloads on this machine's disk, bounded in size: past {@code maxBytes} the least recently used
 * files go, but never one in use. A file is in use while a {@link ObjectStorage.LocalFile} handed out for it is open;
 * its readers may open it by name at any time until then. What the cache held before a restart is taken over, in the
 * order the files were last used (their modification times, set at each use).
 */
final class DownloadCache {
    private static final Logger log = LoggerFactory.getLogger(DownloadCache.class);
    static final String PART_SUFFIX = ".part";

    /** Writes the content into {@code target}, which does not exist yet; false when there is no such content. */
    @FunctionalInterface
    interface Download {
        boolean into(Path target) throws IOException;
    }

    private static final class Entry {
        long size;
        long lastUsed;
        int pins;
    }

    private final Path root;
    private final long maxBytes;
    private final Map<Path, Entry> entries = new HashMap<>(); // guarded by this
    private long total; // guarded by this
    private long clock; // guarded by this: a use counter, so that ties cannot happen

    DownloadCache(Path root, long maxBytes) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        Files.createDirectories(this.root);
        record Found(Path path, long size, FileTime used) {
        }
        List<Found> found;
        try (Stream<Path> all = Files.walk(this.root)) {
            found = all.filter(Files::isRegularFile).map(p -> {
                try {
                    if (p.getFileName().toString().endsWith(PART_SUFFIX)) {
                        Files.deleteIfExists(p); // a download cut short by a stop
                        return null;
                    }
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    return new Found(p, a.size(), a.lastModifiedTime());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(f -> f != null).sorted(Comparator.comparing(Found::used)).toList();
        }
        synchronized (this) {
            for (Found f : found) {
                Entry e = new Entry();
                e.size = f.size();
                e.lastUsed = ++clock;
                entries.put(f.path(), e);
                total += f.size();
            }
            trim();
        }
    }

    Path root() {
        return root;
    }

    /** Bytes the cache holds now. */
    synchronized long size() {
        return total;
    }

    /** The cached {@code file}, held in use until the handle is closed; empty when it is not cached. */
    synchronized Optional<ObjectStorage.LocalFile> use(Path file) {
        Entry e = entries.get(file);
        if (e == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(pin(file, e));
    }

    /**
     * Downloads into {@code file} (replacing what is there) and hands it out in use; empty when {@code download}
     * found no content. The download goes to a temporary file next to it, so readers never see part of one.
     */
    Optional<ObjectStorage.LocalFile> fetch(Path file, Download download) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".download-", PART_SUFFIX);
        try {
            Files.delete(tmp);
            if (!download.into(tmp)) {
                return Optional.empty();
            }
            long size = Files.size(tmp);
            synchronized (this) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Entry e = entries.computeIfAbsent(file, f -> new Entry());
                total += size - e.size;
                e.size = size;
                ObjectStorage.LocalFile handle = pin(file, e);
                trim();
                return Optional.of(handle);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes every cached file at or below {@code path} (content removed from storage). */
    synchronized void delete(Path path) throws IOException {
        List<Path> gone = entries.keySet().stream().filter(p -> p.startsWith(path)).toList();
        for (Path p : gone) {
            total -= entries.remove(p).size;
            Files.deleteIfExists(p);
        }
    }

    /** Whether {@code file} is cached now (tests). */
    synchronized boolean holds(Path file) {
        return entries.containsKey(file);
    }

    private ObjectStorage.LocalFile pin(Path file, Entry e) {
        e.pins++;
        e.lastUsed = ++clock;
        try {
            // the use order survives a restart
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ex) {
            log.debug("Could not mark {} as used: {}", file, ex.getMessage());
        }
        AtomicBoolean closed = new AtomicBoolean();
        return new ObjectStorage.LocalFile() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    release(file, e);
                }
            }
        };
    }

    private synchronized void release(Path file, Entry e) {
        e.pins--;
        if (entries.get(file) == e) {
            trim();
        }
    }

    /** Least recently used first, skipping files in use, until the cache fits (or only files in use are left). */
    private void trim() {
        if (total <= maxBytes) {
            return;
        }
        List<Map.Entry<Path, Entry>> candidates = entries.entrySet().stream().filter(x -> x.getValue().pins == 0)
                .sorted(Comparator.comparingLong(x -> x.getValue().lastUsed)).toList();
        for (Map.Entry<Path, Entry> c : candidates) {
            if (total <= maxBytes) {
                break;
            }
            try {
                Files.deleteIfExists(c.getKey());
            } catch (IOException ex) {
                log.warn("Could not evict {} from the download cache: {}", c.getKey(), ex.getMessage());
                continue;
            }
            entries.remove(c.getKey());
            total -= c.getValue().size;
            log.debug("Evicted {} ({} bytes) from the download cache", c.getKey(), c.getValue().size);
        }
        if (total > maxBytes) {
            log.info("The download cache holds {} MB, above its {} MB limit, all of it in use; it shrinks as those "
                    + "files are let go", total >> 20, maxBytes >> 20);
        }
    }
}
