package dev.netwright.backend.dataset;

import dev.netwright.backend.NetwrightProperties;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.storage.ObjectStorage;
import dev.netwright.backend.storage.StorageQuotas;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploaded datasets. An upload is streamed to a staging folder under the data folder, checked (and for ZIPs
 * extracted) there, then moved into place and recorded; any failure removes the staging folder, so nothing is
 * ever half-written.
 */
@Service
public class DatasetService {
    private static final Logger log = LoggerFactory.getLogger(DatasetService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Dataset(UUID id, UUID projectId, String name, String kind, String originalName, long sizeBytes,
                   String sha256, String createdBy, OffsetDateTime createdAt, Map<String, Object> summary) {
    }

    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final NetwrightProperties.Datasets limits;
    private final Path root;
    private final StorageQuotas quotas;

    private final ObjectStorage storage;

    DatasetService(JdbcClient jdbc, WorkspaceAccess access, AuditLog audit, TransactionTemplate tx,
                   NetwrightProperties properties, StorageQuotas quotas, ObjectStorage storage) {
        this.storage = storage;
        this.quotas = quotas;
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.limits = properties.datasets();
        this.root = properties.dataDir().resolve("datasets").toAbsolutePath().normalize();
    }

    public Dataset upload(AppUser user, UUID projectId, String name, String originalName, InputStream content)
            throws IOException {
        ProjectRef project = access.requireProject(user.id(), projectId, Role.EDITOR);
        quotas.requireRoom(project.workspaceId(), 0, "the upload");
        String fileName = originalName == null ? "" : Path.of(originalName.replace('\\', '/')).getFileName()
                .toString();
        String kind = kindOf(fileName);
        String datasetName = name == null || name.isBlank() ? stripExtension(fileName) : name.strip();
        if (datasetName.isEmpty() || datasetName.length() > 200) {
            throw ApiException.badRequest("'name' must be 1 to 200 characters");
        }
        UUID id = UUID.randomUUID();
        Path staging = root.resolve(".staging").resolve(id.toString());
        String storagePath = projectId + "/" + id;
        String prefix = "datasets/" + storagePath;
        Files.createDirectories(staging);
        try {
            String stored = kind.equals("IMAGE_ZIP") ? "upload.zip" : "data." + kind.toLowerCase(Locale.ROOT);
            Path file = staging.resolve(stored);
            Copied copied = copyLimited(content, file, limits.maxUploadSize().toBytes());
            quotas.requireRoom(project.workspaceId(), copied.bytes(), "the upload"); // staging is removed below
            Map<String, Object> summary = switch (kind) {
                case "CSV" -> CsvInspector.toMap(CsvInspector.inspect(file, ','));
                case "TSV" -> CsvInspector.toMap(CsvInspector.inspect(file, '\t'));
                default -> JSON.convertValue(ZipExtractor.extract(file, staging.resolve("files"),
                        new ZipExtractor.Limits(limits.maxExtractedSize().toBytes(), limits.maxZipEntries(),
                                limits.maxCompressionRatio())), new TypeReference<Map<String, Object>>() { });
            };
            // staging is local scratch; the stored dataset is what every instance and worker reads
            storage.installTree(prefix, staging);
            try {
                tx.executeWithoutResult(s -> {
                    jdbc.sql("""
                            INSERT INTO datasets (id, project_id, name, kind, original_name, size_bytes, storage_path,
                                                  sha256, summary, created_by)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                            .params(id, projectId, datasetName, kind, fileName, copied.bytes(),
                                    storagePath, copied.sha256(),
                                    JSON.writeValueAsString(summary), user.id()).update();
                    audit.record(project.workspaceId(), user.id(), "dataset.upload", "dataset", id,
                            Map.of("name", datasetName, "kind", kind, "bytes", copied.bytes()));
                });
            } catch (RuntimeException e) {
                try {
                    storage.deleteTree(prefix);
                } catch (IOException | RuntimeException cleanup) {
                    log.warn("Could not remove the stored upload {}: {}", prefix, cleanup.toString());
                }
                throw e;
            }
            log.info("Dataset '{}' ({}, {} bytes) uploaded to project {} by {}", datasetName, kind, copied.bytes(),
                    projectId, user.username());
            return get(user, id);
        } finally {
            deleteQuietly(staging);
        }
    }

    public List<Dataset> list(AppUser user, UUID projectId) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        return jdbc.sql(SELECT + " WHERE d.project_id = ? AND d.deleted_at IS NULL ORDER BY d.created_at DESC")
                .param(projectId).query(ROW).list();
    }

    public Dataset get(AppUser user, UUID id) {
        require(user, id, Role.VIEWER);
        return jdbc.sql(SELECT + " WHERE d.id = ?").param(id).query(ROW).single();
    }

    public void delete(AppUser user, UUID id) {
        ProjectRef ref = require(user, id, Role.EDITOR);
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE datasets SET deleted_at = now() WHERE id = ?").param(id).update();
            audit.record(ref.workspaceId(), user.id(), "dataset.delete", "dataset", id, Map.of());
        });
    }

    /** A stored file of an extracted image ZIP: its name, size and content (the caller closes it). */
    public record StoredFile(String name, long size, InputStream content) {
    }

    /** A file of an extracted image ZIP (sample images), checked to stay inside the dataset's folder. */
    public StoredFile file(AppUser user, UUID id, String path) throws IOException {
        require(user, id, Role.VIEWER);
        String stored = jdbc.sql("SELECT storage_path FROM datasets WHERE id = ? AND kind = 'IMAGE_ZIP'").param(id)
                .query(String.class).optional().orElseThrow(() -> ApiException.notFound("image dataset " + id));
        if (path == null || path.isBlank()) {
            throw ApiException.badRequest("'path' names a file inside the archive, e.g. cats/1.png");
        }
        Path base = root.resolve(stored).resolve("files").normalize();
        Path file = ZipExtractor.safeTarget(base, path);
        String key = "datasets/" + stored + "/files/" + base.relativize(file).toString().replace('\\', '/');
        long size = storage.size(key).orElseThrow(() -> ApiException.notFound("file '" + path + "'"));
        InputStream content = storage.open(key).orElseThrow(() -> ApiException.notFound("file '" + path + "'"));
        return new StoredFile(file.getFileName().toString(), size, content);
    }

    private ProjectRef require(AppUser user, UUID id, Role min) {
        UUID projectId = jdbc.sql("SELECT project_id FROM datasets WHERE id = ? AND deleted_at IS NULL").param(id)
                .query(UUID.class).optional().orElseThrow(() -> ApiException.notFound("dataset " + id));
        try {
            return access.requireProject(user.id(), projectId, min);
        } catch (ApiException e) {
            if (e.status() == org.springframework.http.HttpStatus.NOT_FOUND) {
                throw ApiException.notFound("dataset " + id);
            }
            throw e;
        }
    }

    static String kindOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "CSV";
        }
        if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
            return "TSV";
        }
        if (lower.endsWith(".zip")) {
            return "IMAGE_ZIP";
        }
        throw ApiException.badRequest("unsupported file '" + fileName
                + "': upload a .csv or .tsv table, or a .zip of images with one folder per class");
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private record Copied(long bytes, String sha256) {
    }

    /** Streams to disk, counting as it goes: the limit holds whatever the request headers claimed. */
    private static Copied copyLimited(InputStream in, Path file, long max) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (in; OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw ApiException.payloadTooLarge("the upload is larger than the limit of " + max + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw ApiException.badRequest("the uploaded file is empty");
        }
        return new Copied(total, HexFormat.of().formatHex(sha.digest()));
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove {}: {}", dir, e.getMessage());
        }
    }

    private static final String SELECT = """
            SELECT d.id, d.project_id, d.name, d.kind, d.original_name, d.size_bytes, d.sha256, u.username,
                   d.created_at, d.summary::text AS summary
            FROM datasets d JOIN users u ON u.id = d.created_by""";

    private static final RowMapper<Dataset> ROW = (rs, i) -> new Dataset(rs.getObject("id", UUID.class),
            rs.getObject("project_id", UUID.class), rs.getString("name"), rs.getString("kind"),
            rs.getString("original_name"), rs.getLong("size_bytes"), rs.getString("sha256"),
            rs.getString("username"), rs.getObject("created_at", OffsetDateTime.class),
            JSON.readValue(rs.getString("summary"), new TypeReference<Map<String, Object>>() { }));
}
