package dev.netwright.backend.design;

import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.storage.DownloadCache;
import dev.netwright.backend.storage.ObjectStorage;
import dev.netwright.backend.storage.ObjectStorage.LocalFile;
import dev.netwright.backend.storage.StorageBackend;
import dev.netwright.backend.storage.StorageProperties;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.engine.onnximport.OnnxImport;
import dev.netwright.engine.onnximport.OnnxImportException;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Designs imported from ONNX files: the design becomes a new design's first version, and the file's weights are
 * kept with that version as a saved model folder ({@code designs/<id>/v1/model} under the data folder), which the
 * CLI's {@code train --warm-start} and {@code predict} read. A file that cannot be imported creates nothing.
 */
@Service
public class ImportedDesigns {
    private static final Logger log = LoggerFactory.getLogger(ImportedDesigns.class);
    private final DesignService designs;
    private final WorkspaceAccess access;
    private final JdbcClient jdbc;
    private final Path root;
    private final ObjectStorage storage;
    private final DownloadCache unpacked; // null with the data folder backend, whose folders need no cache

    ImportedDesigns(DesignService designs, WorkspaceAccess access, JdbcClient jdbc, NetwrightProperties properties,
                    ObjectStorage storage, StorageProperties storageProperties) throws IOException {
        this.designs = designs;
        this.access = access;
        this.jdbc = jdbc;
        this.storage = storage;
        this.root = properties.dataDir().resolve("designs").toAbsolutePath().normalize();
        // Its own budget of half s3.cache-size, beside the downloads': a separate LRU, so that unpacking imported
        // weights never evicts the models being served nor the other way round, and half because only imported
        // designs' versions land here; the two caches together stay within 1.5 times cache-size.
        this.unpacked = storage.backend() == StorageBackend.LOCAL ? null
                : DownloadCache.ofFolders(properties.dataDir().resolve("cache").resolve("weights"),
                        storageProperties.s3().cacheSize().toBytes() / 2, 2);
    }

    /** What an import created. */
    public record Imported(DesignViews.Saved saved, long trainableParams, long nonTrainableParams, int layers) {
    }

    /**
     * Imports {@code onnx} as a new design of the project.
     *
     * @param fileName the uploaded file's name: the design's name when {@code name} is blank
     */
    public Imported importOnnx(AppUser user, UUID projectId, String name, String fileName, byte[] onnx) {
        access.requireProject(user.id(), projectId, Role.EDITOR);
        if (onnx == null || onnx.length == 0) {
            throw ApiException.badRequest("'file' is missing or empty: upload an .onnx file");
        }
        String base = fileName == null || fileName.isBlank() ? "imported model"
                : Path.of(fileName).getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
        String designName = name == null || name.isBlank() ? base : name.strip();
        Path staging = root.resolve("imports").resolve(UUID.randomUUID().toString());
        OnnxImport.Result result;
        try {
            Files.createDirectories(staging.getParent());
            result = OnnxImport.toModelDirectory(onnx, designName, staging);
        } catch (OnnxImportException e) {
            throw ApiException.badRequest((fileName == null ? "the file" : fileName) + ": " + e.getMessage(),
                    Map.of("unsupported", e.unsupported()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DesignViews.Saved saved = designs.create(user, projectId, designName,
                    new DesignService.Source.Imported(new DesignJson().write(result.design())),
                    "imported from " + (fileName == null ? "an ONNX file" : fileName) + " with its weights");
            store(saved.designId(), saved.version().number(), staging);
            log.info("Design {} imported from ONNX ({} layers, {} parameters)", saved.designId(),
                    result.design().nodes().size(), result.totals().totalParams());
            return new Imported(saved, result.totals().trainableParams(), result.totals().nonTrainableParams(),
                    result.design().nodes().size());
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the imported weights: " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Keeps a version's weights where every instance finds them: in the data folder, the saved model folder as it
     * always was; in an S3 bucket, one ZIP that instances unpack on first use.
     */
    private void store(UUID designId, int version, Path staging) throws IOException {
        if (storage.backend() == StorageBackend.LOCAL) {
            storage.installTree(folderKey(designId, version), staging);
            return;
        }
        Path zip = Files.createTempFile(staging.getParent(), "weights-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(zip)) {
                Zips.zip(staging, p -> true, out);
            }
            storage.install(zipKey(designId, version), zip);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static String folderKey(UUID designId, int version) {
        return "designs/" + designId + "/v" + version + "/model";
    }

    private static String zipKey(UUID designId, int version) {
        return "designs/" + designId + "/v" + version + "/model.zip";
    }

    /**
     * The saved model folder of a version that carries weights, if it does, kept on disk until the handle is closed.
     */
    public Optional<LocalFile> weights(AppUser user, UUID designId, int version) {
        designs.export(user, designId, version); // viewer access and an existing version
        return modelDir(designId, version);
    }

    /**
     * The weights a run starts from: those of the newest version of its design up to the run's version that carries
     * any (an imported design edited later, e.g. with a new head, still starts from the imported weights; nodes whose
     * shape changed start fresh), kept on disk until the handle is closed. Empty for designs without weights.
     */
    public Optional<LocalFile> startingWeights(UUID runId) {
        record DesignVersion(UUID designId, int number) {
        }
        Optional<DesignVersion> v = jdbc.sql("""
                SELECT v.design_id, v.number FROM runs r JOIN design_versions v ON v.id = r.design_version_id
                WHERE r.id = ?""").param(runId)
                .query((rs, i) -> new DesignVersion(rs.getObject(1, UUID.class), rs.getInt(2))).optional();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        for (int n = v.get().number(); n >= 1; n--) {
            Optional<LocalFile> dir = modelDir(v.get().designId(), n);
            if (dir.isPresent()) {
                return dir;
            }
        }
        return Optional.empty();
    }

    /**
     * The run's starting weights as a folder that stays while the run trains (which reads it at some point after it
     * starts): the data folder's own, or for a folder of the bounded cache, which may go once let go, a copy in the
     * run's {@code workDir} (files linked where the file system allows, else copied).
     */
    public Optional<Path> startingWeights(UUID runId, Path workDir) throws IOException {
        Optional<LocalFile> found = startingWeights(runId);
        return found.isEmpty() ? Optional.empty() : Optional.of(keptIn(found.get(), workDir));
    }

    /** {@code dir} itself when it is the data folder's own, else its copy in {@code workDir}; closes the handle. */
    Path keptIn(LocalFile handle, Path workDir) throws IOException {
        try (LocalFile dir = handle) {
            if (unpacked == null || !dir.path().startsWith(unpacked.root())) {
                return dir.path();
            }
            Path copy = workDir.resolve("starting-weights");
            if (!Files.isRegularFile(copy.resolve("model.json"))) {
                deleteQuietly(copy); // a copy cut short
                Files.createDirectories(workDir);
                Path tmp = Files.createTempDirectory(workDir, ".starting-weights-");
                try {
                    linkOrCopy(dir.path(), tmp);
                    Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    deleteQuietly(tmp);
                }
            }
            return copy;
        }
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    continue;
                }
                try {
                    Files.createLink(target, p); // the cache's folder is never written to, only removed
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Streams a version's model folder as a ZIP. */
    public void zip(Path modelDir, OutputStream out) throws IOException {
        Zips.zip(modelDir, p -> true, out);
    }

    /**
     * A version's saved model folder on this machine: the data folder's own (weights stored there), or the bucket's
     * ZIP unpacked into the bounded cache (a version's weights never change, so an evicted one unpacks the same).
     */
    Optional<LocalFile> modelDir(UUID designId, int version) {
        Path local = root.resolve(designId.toString()).resolve("v" + version).resolve("model");
        if (Files.isRegularFile(local.resolve("model.json"))) {
            return Optional.of(LocalFile.of(local));
        }
        if (unpacked == null) {
            return Optional.empty();
        }
        Path dir = unpacked.root().resolve(designId.toString()).resolve("v" + version);
        try {
            Optional<LocalFile> hit = unpacked.use(dir);
            if (hit.isPresent()) {
                return hit;
            }
            return unpacked.fetch(dir, target -> {
                Optional<InputStream> zip = storage.open(zipKey(designId, version));
                if (zip.isEmpty()) {
                    return false;
                }
                try (InputStream in = zip.get()) {
                    Zips.unzip(in, target, 8L << 30);
                }
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the weights of design " + designId + " version " + version
                    + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
