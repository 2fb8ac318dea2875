package dev.netwright.backend.inference;

import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.predict.Predictor;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loaded models, least recently used first out, at most {@code netwright.models.cache-size} (default 4). A model's
 * native memory (its NDManager) is freed when it leaves the cache, but only once no prediction still holds it: each
 * use takes a {@link Lease}. Keyed by run and artifact checksum, so a re-stored artifact is never served stale.
 */
@Component
public class ModelCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelCache.class);
    private final int capacity;
    private final Map<UUID, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    ModelCache(@Value("${netwright.models.cache-size:4}") int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("netwright.models.cache-size must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    private static final class Entry {
        final UUID runId;
        final String sha256;
        final Predictor predictor;
        int users;
        boolean retired;

        Entry(UUID runId, String sha256, Predictor predictor) {
            this.runId = runId;
            this.sha256 = sha256;
            this.predictor = predictor;
        }
    }

    /** A model in use; closing it lets the cache free the model once it has been evicted. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean open = true;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public Predictor predictor() {
            return entry.predictor;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                release(entry);
            }
        }
    }

    /**
     * The model of {@code runId} if it is loaded from the artifact with checksum {@code sha256}: what a prediction asks
     * first, so that a cached model is used without reading the artifact's file or the run's design.
     */
    public synchronized Optional<Lease> cached(UUID runId, String sha256) {
        Entry e = entries.get(runId);
        if (e == null || !e.sha256.equals(sha256)) {
            return Optional.empty();
        }
        e.users++;
        return Optional.of(new Lease(e));
    }

    /**
     * The loaded model of {@code runId}, loading it when it is not cached: the weights from {@code artifact} into
     * the network compiled from {@code trainedDesignJson}, the design the server stored for the run. The artifact's
     * own design.json came from a worker and is not trusted.
     */
    public Lease lease(UUID runId, ArtifactStore.Artifact artifact, Path zip, String trainedDesignJson) {
        synchronized (this) {
            Entry e = entries.get(runId);
            if (e != null && e.sha256.equals(artifact.sha256())) {
                e.users++;
                return new Lease(e);
            }
        }
        // loading takes a second or more: done outside the lock so cached models keep answering meanwhile
        long start = System.nanoTime();
        Predictor loaded = load(runId, zip, trainedDesignJson);
        synchronized (this) {
            Entry e = entries.get(runId);
            if (e != null && e.sha256.equals(artifact.sha256())) {
                loaded.close(); // another request loaded it first
                e.users++;
                return new Lease(e);
            }
            Entry fresh = new Entry(runId, artifact.sha256(), loaded);
            fresh.users = 1;
            Entry replaced = entries.put(runId, fresh);
            if (replaced != null) {
                retire(replaced);
            }
            while (entries.size() > capacity) {
                Entry eldest = entries.values().iterator().next();
                entries.remove(eldest.runId);
                retire(eldest);
                log.info("Model of run {} evicted from the cache (capacity {})", eldest.runId, capacity);
            }
            log.info("Model of run {} loaded in {} ms ({} cached)", runId, (System.nanoTime() - start) / 1_000_000,
                    entries.size());
            return new Lease(fresh);
        }
    }

    /** Number of models held now (for tests and operators). */
    public synchronized int size() {
        return entries.size();
    }

    private void retire(Entry e) {
        e.retired = true;
        if (e.users == 0) {
            e.predictor.close();
        }
    }

    private synchronized void release(Entry e) {
        e.users--;
        if (e.retired && e.users == 0) {
            e.predictor.close();
        }
    }

    private static Predictor load(UUID runId, Path zip, String trainedDesignJson) {
        Design design;
        try {
            design = new DesignJson().read(trainedDesignJson);
        } catch (DesignFormatException e) {
            throw new IllegalArgumentException("the stored design of run " + runId + " cannot be read: "
                    + e.getMessage(), e);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("netwright-model-" + runId);
            try (InputStream in = Files.newInputStream(zip)) {
                Zips.unzip(in, dir, ArtifactStore.MAX_EXTRACTED_BYTES, ArtifactStore.MAX_ENTRIES);
            } catch (Zips.LimitExceededException e) {
                throw new IllegalArgumentException("the artifact of run " + runId + " cannot be unpacked: "
                        + e.getMessage(), e);
            }
            return Predictor.load(dir, design); // reads everything it needs at load time; the folder can go
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the model of run " + runId + ": " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        entries.values().forEach(this::retire);
        entries.clear();
    }
}
