package dev.netwright.backend.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content fetched from the S3 bucket onto this machine's disk, bounded in size: past {@code maxBytes} the least
 * recently used items go, but never one in use. An item is a file (the S3 backend's downloads) or, in a cache made by
 * {@link #ofFolders}, a folder (a ZIP unpacked). It is in use while a {@link ObjectStorage.LocalFile} handed out for it
 * is open; its readers may open it by name at any time until then. What the cache held before a restart is taken
 * over, in the order the items were last used (their modification times, set at each use).
 */
public final class DownloadCache {
    private static final Logger log = LoggerFactory.getLogger(DownloadCache.class);
    static final String PART_SUFFIX = ".part";

    /** Writes the content into {@code target}, which does not exist yet; false when there is no such content. */
    @FunctionalInterface
    public interface Download {
        boolean into(Path target) throws IOException;
    }

    private static final class Entry {
        long size;
        long lastUsed;
        int pins;
    }

    private final Path root;
    private final long maxBytes;
    private final int folderDepth; // 0: the items are files, anywhere below the root
    private final Map<Path, Entry> entries = new HashMap<>(); // guarded by this
    private long total; // guarded by this
    private long clock; // guarded by this: a use counter, so that ties cannot happen
    private int fetching; // guarded by this: fetches under way

    DownloadCache(Path root, long maxBytes) throws IOException {
        this(root, maxBytes, 0);
    }

    /**
     * A cache whose items are folders exactly {@code depth} names below {@code root} (e.g. {@code <id>/v<n>}), each
     * written whole by a {@link Download} and never changed after: a folder once cached is handed out as it is.
     */
    public static DownloadCache ofFolders(Path root, long maxBytes, int depth) throws IOException {
        if (depth < 1) {
            throw new IllegalArgumentException("cached folders lie at least one name below the root, not " + depth);
        }
        return new DownloadCache(root, maxBytes, depth);
    }

    private DownloadCache(Path root, long maxBytes, int folderDepth) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.folderDepth = folderDepth;
        Files.createDirectories(this.root);
        record Found(Path path, long size, FileTime used) {
        }
        List<Path> all;
        try (Stream<Path> walk = folderDepth == 0 ? Files.walk(this.root) : Files.walk(this.root, folderDepth)) {
            all = walk.toList();
        }
        List<Found> found = all.stream().filter(p -> !p.equals(this.root)).map(p -> {
            try {
                if (p.getFileName().toString().endsWith(PART_SUFFIX) && (folderDepth > 0 || Files.isRegularFile(p))) {
                    deleteTree(p); // a download cut short, or an eviction's leftover, by a stop
                    return null;
                }
                if (!isItem(p)) {
                    return null;
                }
                FileTime used = Files.getLastModifiedTime(p);
                return new Found(p, sizeOf(p), used);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(f -> f != null).sorted(Comparator.comparing(Found::used)).toList();
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

    public Path root() {
        return root;
    }

    private boolean isItem(Path p) {
        return folderDepth == 0 ? Files.isRegularFile(p)
                : Files.isDirectory(p) && root.relativize(p).getNameCount() == folderDepth;
    }

    /** Bytes the cache holds now. */
    public synchronized long size() {
        return total;
    }

    /** The cached {@code file} (or folder), held in use until the handle is closed; empty when it is not cached. */
    public synchronized Optional<ObjectStorage.LocalFile> use(Path file) {
        Entry e = entries.get(file);
        if (e == null || !Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(pin(file, e));
    }

    /**
     * Downloads into {@code file} (replacing what is there; a folder cached meanwhile by another caller is kept, as
     * it has the same content) and hands it out in use; empty when {@code download} found no content. The download
     * goes to a temporary file or folder next to it, so readers never see part of one.
     */
    public Optional<ObjectStorage.LocalFile> fetch(Path file, Download download) throws IOException {
        Path tmp;
        synchronized (this) {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), ".download-", PART_SUFFIX);
            fetching++;
        }
        boolean found = false;
        try {
            Files.delete(tmp);
            if (!download.into(tmp)) {
                return Optional.empty();
            }
            found = true;
            long size = sizeOf(tmp);
            synchronized (this) {
                if (folderDepth > 0) {
                    Entry cached = entries.get(file);
                    if (cached != null && Files.isDirectory(file)) {
                        return Optional.of(pin(file, cached));
                    }
                    if (Files.exists(file)) {
                        remove(file); // not an item (rename cannot replace a folder that has files)
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Entry e = entries.computeIfAbsent(file, f -> new Entry());
                total += size - e.size;
                e.size = size;
                ObjectStorage.LocalFile handle = pin(file, e);
                trim();
                return Optional.of(handle);
            }
        } finally {
            deleteTree(tmp);
            synchronized (this) {
                fetching--;
                if (!found && fetching == 0) {
                    removeEmptyFolders(file.getParent());
                }
            }
        }
    }

    /**
     * Removes {@code folder} and the folders above it, up to the root, while they are empty: a fetch that found no
     * content (a design without weights) leaves no folder behind. Only when no other fetch is under way, since each
     * creates its folders before it writes into them.
     */
    private void removeEmptyFolders(Path folder) {
        for (Path f = folder; f != null && f.startsWith(root) && !f.equals(root); f = f.getParent()) {
            try {
                Files.delete(f);
            } catch (IOException e) {
                return; // not empty (or already gone): the folders above are not empty either
            }
        }
    }

    /** Deletes every cached item at or below {@code path} (content removed from storage). */
    synchronized void delete(Path path) throws IOException {
        List<Path> gone = entries.keySet().stream().filter(p -> p.startsWith(path)).toList();
        for (Path p : gone) {
            total -= entries.remove(p).size;
            remove(p);
        }
    }

    /**
     * Removes an item. A folder is first renamed out of the way in one step, so that no reader finds it half
     * deleted; what a failed deletion leaves behind has the temporary suffix and goes at the next start.
     */
    private void remove(Path item) throws IOException {
        if (!Files.isDirectory(item)) {
            Files.deleteIfExists(item);
            return;
        }
        Path aside = item.resolveSibling(".evicted-" + UUID.randomUUID() + PART_SUFFIX);
        Files.move(item, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            deleteTree(aside);
        } catch (IOException e) {
            log.warn("Could not delete {} (it goes at the next start): {}", aside, e.getMessage());
        }
    }

    private static long sizeOf(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return Files.size(p);
        }
        try (Stream<Path> all = Files.walk(p)) {
            long sum = 0;
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                sum += Files.size(f);
            }
            return sum;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
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

    /** Least recently used first, skipping items in use, until the cache fits (or only items in use are left). */
    private void trim() {
        if (total <= maxBytes) {
            return;
        }
        List<Map.Entry<Path, Entry>> candidates = entries.entrySet().stream().filter(x -> x.getValue().pins == 0)
                .sorted(Comparator.comparingLong(x -> x.getValue().lastUsed)).toList();
        int evicted = 0;
        long freed = 0;
        for (Map.Entry<Path, Entry> c : candidates) {
            if (total <= maxBytes) {
                break;
            }
            try {
                remove(c.getKey());
            } catch (IOException ex) {
                log.warn("Could not evict {} from the cache {}: {}", c.getKey(), root, ex.getMessage());
                continue;
            }
            entries.remove(c.getKey());
            total -= c.getValue().size;
            evicted++;
            freed += c.getValue().size;
            log.debug("Evicted {} ({} bytes) from the cache {}", c.getKey(), c.getValue().size, root);
        }
        if (evicted > 0) {
            log.info("Evicted {} least recently used {}(s), {} bytes, from the cache {}; it holds {} of its {} bytes "
                    + "now", evicted, folderDepth == 0 ? "file" : "folder", freed, root, total, maxBytes);
        }
        if (total > maxBytes) {
            log.info("The cache {} holds {} MB, above its {} MB limit, all of it in use; it shrinks as those items "
                    + "are let go", root, total >> 20, maxBytes >> 20);
        }
    }
}
