package dev.netwright.backend.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the files that must outlive one app instance live: uploaded datasets, run checkpoints and trained artifacts,
 * under keys such as {@code runs/<id>/artifact.zip}. Two backends: the data folder (one machine, the default) and
 * S3-compatible object storage (several app instances and workers on different hosts). Content always travels as
 * streams or files on disk, never whole in memory.
 */
public interface ObjectStorage {

    StorageBackend backend();

    /**
     * Stores {@code file} under {@code key}, replacing what was there in one step (readers see the old or the new
     * content, never part), and removes {@code file}. The file must live on the data folder's file system (a temp
     * file of an upload): the data folder backend renames it, the S3 backend uploads it from disk.
     */
    void install(String key, Path file) throws IOException;

    /**
     * Stores every regular file below {@code dir} under {@code prefix/<relative path>}, and removes {@code dir}. The
     * data folder backend renames the folder in one step (nothing may be at the prefix yet).
     */
    void installTree(String prefix, Path dir) throws IOException;

    /** The content under {@code key}, streamed; empty when there is none. The caller closes it. */
    Optional<InputStream> open(String key) throws IOException;

    /** The size of the content under {@code key}; empty when there is none. */
    OptionalLong size(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return size(key).isPresent();
    }

    /**
     * A file on this machine with the content under {@code key}, for readers that need random access (ZIP files,
     * model loading, training): the data folder's own file, or for S3 a download kept in the data folder's cache
     * under {@code version} (a content hash), so that replaced content is fetched again and unchanged content once.
     * The cache is bounded; the file stays while the handle is open, so close it when done reading. Empty when there
     * is none.
     */
    Optional<LocalFile> localFile(String key, String version) throws IOException;

    /** A file on this machine, kept (never evicted from a cache) until closed. */
    interface LocalFile extends AutoCloseable {
        Path path();

        @Override
        void close();

        /** A file that is not in any cache: closing it does nothing. */
        static LocalFile of(Path path) {
            return new LocalFile() {
                @Override
                public Path path() {
                    return path;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Removes the content under {@code key}, if any. */
    void delete(String key) throws IOException;

    /** Removes everything under {@code prefix/}. */
    void deleteTree(String prefix) throws IOException;

    /**
     * Checks a key: a relative path of names separated by {@code /}, none empty, {@code .} or {@code ..}, without
     * backslashes or control characters (file names from an uploaded ZIP may hold spaces and any letters).
     */
    static String requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 900 || key.startsWith("/") || key.indexOf('\\') >= 0
                || key.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("storage key '" + key + "' is not a relative path");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("storage key '" + key + "' has an empty, '.' or '..' name");
            }
        }
        return key;
    }
}
