package dev.netwright.backend.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** {@link ObjectStorage} in the data folder: a key is a file path below it, the layout the app always had. */
final class LocalObjectStorage implements ObjectStorage {
    private final Path root;

    LocalObjectStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StorageBackend backend() {
        return StorageBackend.LOCAL;
    }

    Path path(String key) {
        Path p = root.resolve(ObjectStorage.requireKey(key)).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("storage key '" + key + "' leaves the data folder");
        }
        return p;
    }

    @Override
    public void install(String key, Path file) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void installTree(String prefix, Path dir) throws IOException {
        Path target = path(prefix);
        Files.createDirectories(target.getParent());
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        Path p = path(key);
        try {
            return Optional.of(Files.newInputStream(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public OptionalLong size(String key) throws IOException {
        Path p = path(key);
        return Files.isRegularFile(p) ? OptionalLong.of(Files.size(p)) : OptionalLong.empty();
    }

    @Override
    public Optional<LocalFile> localFile(String key, String version) {
        Path p = path(key);
        return Files.isRegularFile(p) ? Optional.of(LocalFile.of(p)) : Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public void deleteTree(String prefix) throws IOException {
        Path dir = path(prefix);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
