package dev.netwright.backend.design;

import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.storage.ObjectStorage;
import dev.netwright.backend.storage.StorageBackend;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.engine.onnximport.OnnxImport;
import dev.netwright.engine.onnximport.OnnxImportException;
import dev.netwright.engine.worker.Zips;
import java.io.IOException;
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
    private final Path unpacked;
    private final ObjectStorage storage;

    ImportedDesigns(DesignService designs, WorkspaceAccess access, JdbcClient jdbc, NetwrightProperties properties,
                    ObjectStorage storage) {
        this.designs = designs;
        this.access = access;
        this.jdbc = jdbc;
        this.storage = storage;
        this.root = properties.dataDir().resolve("designs").toAbsolutePath().normalize();
        this.unpacked = properties.dataDir().resolve("cache").resolve("weights").toAbsolutePath().normalize();
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

    /** The saved model folder of a version that carries weights, if it does. */
    public Optional<Path> weights(AppUser user, UUID designId, int version) {
        designs.export(user, designId, version); // viewer access and an existing version
        return modelDir(designId, version);
    }

    /**
     * The weights a run starts from: those of the newest version of its design up to the run's version that carries
     * any (an imported design edited later, e.g. with a new head, still starts from the imported weights; nodes whose
     * shape changed start fresh). Empty for designs without weights.
     */
    public Optional<Path> startingWeights(UUID runId) {
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
            Optional<Path> dir = modelDir(v.get().designId(), n);
            if (dir.isPresent()) {
                return dir;
            }
        }
        return Optional.empty();
    }

    /** Streams a version's model folder as a ZIP. */
    public void zip(Path modelDir, OutputStream out) throws IOException {
        Zips.zip(modelDir, p -> true, out);
    }

    /**
     * A version's saved model folder on this machine: the data folder's own (weights stored there), or the bucket's
     * ZIP unpacked once into the cache (a version's weights never change).
     */
    private Optional<Path> modelDir(UUID designId, int version) {
        Path local = root.resolve(designId.toString()).resolve("v" + version).resolve("model");
        if (Files.isRegularFile(local.resolve("model.json"))) {
            return Optional.of(local);
        }
        if (storage.backend() == StorageBackend.LOCAL) {
            return Optional.empty();
        }
        Path dir = unpacked.resolve(designId.toString()).resolve("v" + version);
        if (Files.isRegularFile(dir.resolve("model.json"))) {
            return Optional.of(dir);
        }
        try {
            Optional<java.io.InputStream> zip = storage.open(zipKey(designId, version));
            if (zip.isEmpty()) {
                return Optional.empty();
            }
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), ".unpack-");
            try (java.io.InputStream in = zip.get()) {
                Zips.unzip(in, tmp, 8L << 30);
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another request unpacked it meanwhile: the same content
            } finally {
                deleteQuietly(tmp);
            }
            return Optional.of(dir);
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
