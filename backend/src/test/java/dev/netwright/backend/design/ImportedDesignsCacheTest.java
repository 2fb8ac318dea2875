package dev.netwright.backend.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.storage.ObjectStorage;
import dev.netwright.backend.storage.ObjectStorage.LocalFile;
import dev.netwright.backend.storage.StorageBackend;
import dev.netwright.backend.storage.StorageProperties;
import dev.netwright.engine.worker.Zips;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * With S3, imported weights are the bucket's ZIP unpacked into a bounded cache: evicted versions unpack again the
 * same, a restart takes the cache over, and an in-process run keeps its own copy of the folder it starts from.
 */
class ImportedDesignsCacheTest {
    @TempDir
    Path dir;

    private final UUID design = UUID.randomUUID();
    private final Map<String, byte[]> bucket = new HashMap<>();
    private final AtomicInteger downloads = new AtomicInteger();

    /** The bucket, as far as imported weights use it. */
    private final ObjectStorage s3 = new ObjectStorage() {
        @Override
        public StorageBackend backend() {
            return StorageBackend.S3;
        }

        @Override
        public Optional<InputStream> open(String key) {
            byte[] content = bucket.get(key);
            if (content == null) {
                return Optional.empty();
            }
            downloads.incrementAndGet();
            return Optional.of(new ByteArrayInputStream(content));
        }

        @Override
        public OptionalLong size(String key) {
            return bucket.containsKey(key) ? OptionalLong.of(bucket.get(key).length) : OptionalLong.empty();
        }

        @Override
        public void install(String key, Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void installTree(String prefix, Path dir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<LocalFile> localFile(String key, String version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteTree(String prefix) {
            throw new UnsupportedOperationException();
        }
    };

    /** Stores version {@code v} as a saved model of 1000 bytes (model.json and one weights file). */
    private byte[] store(int v) throws IOException {
        byte[] weights = new byte[900];
        new Random(v).nextBytes(weights);
        Path model = dir.resolve("source-v" + v);
        Files.createDirectories(model.resolve("weights"));
        Files.write(model.resolve("model.json"), new byte[100]);
        Files.write(model.resolve("weights/w.bin"), weights);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        Zips.zip(model, p -> true, zip);
        bucket.put("designs/" + design + "/v" + v + "/model.zip", zip.toByteArray());
        return weights;
    }

    /** Weights kept in up to 2500 bytes (half the 5000 of s3.cache-size): two versions. */
    private ImportedDesigns imported() throws IOException {
        StorageProperties settings = new StorageProperties(null, StorageBackend.S3, new StorageProperties.S3(null,
                null, "b", null, null, null, null, DataSize.ofBytes(5000), null, null));
        return new ImportedDesigns(null, null, null, new NetwrightProperties(dir.resolve("data"), null, null, null),
                s3, settings);
    }

    private Path cached(int v) {
        return dir.resolve("data/cache/weights").resolve(design.toString()).resolve("v" + v).toAbsolutePath();
    }

    private void read(ImportedDesigns imported, int v) {
        imported.modelDir(design, v).orElseThrow().close();
    }

    @Test
    void evictedVersionsUnpackAgainTheSameAndARestartTakesTheCacheOver() throws IOException {
        byte[] first = store(1);
        store(2);
        store(3);
        ImportedDesigns imported = imported();
        read(imported, 1);
        read(imported, 2);
        assertThat(cached(1).resolve("weights/w.bin")).exists();
        read(imported, 3);
        assertThat(cached(1)).as("least recently used, past the bound").doesNotExist();
        assertThat(cached(2)).exists();
        assertThat(downloads).hasValue(3);

        try (LocalFile again = imported.modelDir(design, 1).orElseThrow()) {
            assertThat(again.path()).isEqualTo(cached(1));
            assertThat(Files.readAllBytes(again.path().resolve("weights/w.bin"))).isEqualTo(first);
        }
        assertThat(downloads).hasValue(4);
        assertThat(cached(2)).doesNotExist();
        assertThat(imported.modelDir(design, 9)).as("a version without weights").isEmpty();

        ImportedDesigns restarted = imported();
        read(restarted, 3);
        read(restarted, 1);
        assertThat(downloads).as("both taken over from before the restart").hasValue(4);
    }

    @Test
    void anInProcessRunKeepsItsOwnCopyOfTheWeightsItStartsFrom() throws IOException {
        byte[] first = store(1);
        store(2);
        store(3);
        ImportedDesigns imported = imported();
        Path work = dir.resolve("run");
        Path start = imported.keptIn(imported.modelDir(design, 1).orElseThrow(), work);
        assertThat(start).isEqualTo(work.resolve("starting-weights"));

        read(imported, 2);
        read(imported, 3);
        assertThat(cached(1)).as("evicted from the cache").doesNotExist();
        assertThat(Files.readAllBytes(start.resolve("weights/w.bin"))).isEqualTo(first);
        assertThat(start.resolve("model.json")).exists();

        // a second attempt of the run finds its copy
        assertThat(imported.keptIn(imported.modelDir(design, 3).orElseThrow(), work)).isEqualTo(start);
        assertThat(Files.readAllBytes(start.resolve("weights/w.bin"))).isEqualTo(first);
    }
}
