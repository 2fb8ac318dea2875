package dev.netwright.backend.design;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.ControlCharacters;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.block.BlockLibraryService;
import dev.netwright.backend.block.BlockViews;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.diff.DesignDiff;
import dev.netwright.designer.diff.DesignDiffer;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.export.PyTorchCode;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Designs and their immutable versions. A save names the version it was based on and succeeds only while that is
 * still the latest (compare-and-set on {@code designs.latest_version}); otherwise it is refused with 409 and the
 * current version, so nobody's work is silently overwritten.
 */
@Service
public class DesignService {
    private static final Logger log = LoggerFactory.getLogger(DesignService.class);

    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final AuditLog audit;
    private final DesignFormat format;
    private final BlockLibraryService blocks;

    DesignService(JdbcClient jdbc, WorkspaceAccess access, AuditLog audit, DesignFormat format,
                  BlockLibraryService blocks) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.format = format;
        this.blocks = blocks;
    }

    /** Where a new design's first version comes from. */
    public sealed interface Source {
        record Empty() implements Source {
        }

        record FromTemplate(String templateId) implements Source {
        }

        record Imported(String json) implements Source {
        }
    }

    @Transactional
    public DesignViews.Saved create(AppUser user, UUID projectId, String name, Source source, String message) {
        ProjectRef project = access.requireProject(user.id(), projectId, Role.EDITOR);
        Design design = switch (source) {
            case Source.Empty e -> new Design(name == null || name.isBlank() ? "Untitled design" : name.strip(), "",
                    List.of(), List.of(), List.of());
            case Source.FromTemplate t -> Templates.find(t.templateId()).map(Template::design)
                    .orElseThrow(() -> ApiException.badRequest("'templateId': no template '" + t.templateId()
                            + "'; GET /api/templates lists them"));
            case Source.Imported i -> format.read(i.json(), "'design'");
        };
        String designName = name == null || name.isBlank() ? design.name() : name.strip();
        ControlCharacters.require("name", designName); // the web UI's forms reach here without the API's check
        if (designName.length() > 200) {
            throw ApiException.badRequest("'name' must be at most 200 characters");
        }
        UUID id = jdbc.sql("INSERT INTO designs (project_id, name, created_by) VALUES (?, ?, ?) RETURNING id")
                .params(projectId, designName, user.id()).query(UUID.class).single();
        String why = switch (source) {
            case Source.Empty e -> "created empty";
            case Source.FromTemplate t -> "created from template " + t.templateId();
            case Source.Imported i -> "imported";
        };
        DesignViews.Saved saved = insertVersion(user, id, 0, design, message == null ? why : message, null);
        audit.record(project.workspaceId(), user.id(), "design.create", "design", id,
                Map.of("name", designName, "source", why));
        return saved;
    }

    public List<DesignViews.Summary> list(AppUser user, UUID projectId) {
        access.requireProject(user.id(), projectId, Role.VIEWER);
        return jdbc.sql(SELECT_SUMMARY + " WHERE d.project_id = ? AND d.deleted_at IS NULL ORDER BY d.updated_at DESC")
                .param(projectId).query(SUMMARY).list();
    }

    public DesignViews.Detail get(AppUser user, UUID designId, Integer versionNumber) {
        require(user, designId, Role.VIEWER);
        DesignViews.Summary summary = summary(designId);
        int n = versionNumber == null ? summary.latestVersion() : versionNumber;
        VersionRow v = version(designId, n);
        Design design = format.readStored(v.content(), "stored version " + n);
        return new DesignViews.Detail(summary, v.info(), format.tree(v.content()),
                AnalysisView.of(format.analyzer.analyze(design)));
    }

    /** Blocks the version uses at an older version than the workspace library's newest (upgrade offers). */
    public List<BlockViews.Upgrade> blockUpgrades(AppUser user, UUID designId, Integer versionNumber) {
        ProjectRef ref = require(user, designId, Role.VIEWER);
        int n = versionNumber == null ? summary(designId).latestVersion() : versionNumber;
        Design design = format.read(version(designId, n).content(), "stored version " + n);
        return blocks.upgrades(ref.workspaceId(), design);
    }

    /** The stored document of a version, exactly as saved (for export). */
    public record Export(String fileName, String content) {
    }

    public Export export(AppUser user, UUID designId, Integer versionNumber) {
        require(user, designId, Role.VIEWER);
        DesignViews.Summary summary = summary(designId);
        int n = versionNumber == null ? summary.latestVersion() : versionNumber;
        String safe = summary.name().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return new Export((safe.isEmpty() ? "design" : safe) + "-v" + n + ".netwright.json",
                version(designId, n).content());
    }

    /**
     * A design as PyTorch code (one {@code model.py}), saved or still on the canvas.
     *
     * @throws IllegalArgumentException naming the design's problems when it is not valid
     */
    public static String pytorchCode(Design design) {
        return new PyTorchCode().generate(design);
    }

    @Transactional
    public DesignViews.Summary rename(AppUser user, UUID designId, String name) {
        ProjectRef ref = require(user, designId, Role.EDITOR);
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw ApiException.badRequest("'name' must be 1 to 200 characters");
        }
        ControlCharacters.require("name", name);
        jdbc.sql("UPDATE designs SET name = ?, updated_at = now() WHERE id = ?").params(name.strip(), designId)
                .update();
        audit.record(ref.workspaceId(), user.id(), "design.rename", "design", designId, Map.of("name", name.strip()));
        return summary(designId);
    }

    @Transactional
    public void delete(AppUser user, UUID designId) {
        ProjectRef ref = require(user, designId, Role.EDITOR);
        jdbc.sql("UPDATE designs SET deleted_at = now() WHERE id = ?").param(designId).update();
        audit.record(ref.workspaceId(), user.id(), "design.delete", "design", designId, Map.of());
    }

    @Transactional
    public DesignViews.Saved save(AppUser user, UUID designId, Integer baseVersion, String json, String message) {
        ProjectRef ref = require(user, designId, Role.EDITOR);
        if (baseVersion == null) {
            throw ApiException.badRequest("'baseVersion' is required: the version number your edit started from");
        }
        Design design = format.read(json, "'design'");
        DesignViews.Saved saved = insertVersion(user, designId, baseVersion, design, message, null);
        audit.record(ref.workspaceId(), user.id(), "design.save", "design", designId,
                Map.of("version", saved.version().number(), "valid", saved.version().valid()));
        return saved;
    }

    @Transactional
    public DesignViews.Saved restore(AppUser user, UUID designId, int number, Integer baseVersion, String message) {
        ProjectRef ref = require(user, designId, Role.EDITOR);
        VersionRow old = version(designId, number);
        int base = baseVersion == null ? summary(designId).latestVersion() : baseVersion;
        Design design = format.readStored(old.content(), "stored version " + number);
        DesignViews.Saved saved = insertVersion(user, designId, base, design,
                message == null || message.isBlank() ? "restored version " + number : message, number);
        audit.record(ref.workspaceId(), user.id(), "design.restore", "design", designId,
                Map.of("from", number, "version", saved.version().number()));
        return saved;
    }

    /** A page of the history, newest first, with the number of versions in all. */
    public Page<DesignViews.Version> history(AppUser user, UUID designId, PageRequest page) {
        List<DesignViews.Version> items = history(user, designId, page.size(), page.offset());
        long total = jdbc.sql("SELECT count(*) FROM design_versions WHERE design_id = ?").param(designId)
                .query(Long.class).single();
        return Page.of(items, total, page);
    }

    public List<DesignViews.Version> history(AppUser user, UUID designId, int limit, int offset) {
        require(user, designId, Role.VIEWER);
        return jdbc.sql(SELECT_VERSION + " WHERE v.design_id = ? ORDER BY v.number DESC LIMIT ? OFFSET ?")
                .params(designId, Math.clamp(limit, 1, 1000), Math.max(0, offset)).query(VERSION)
                .list().stream().map(VersionRow::info).toList();
    }

    public DesignViews.Diff diff(AppUser user, UUID designId, int from, int to) {
        require(user, designId, Role.VIEWER);
        Design a = format.readStored(version(designId, from).content(), "stored version " + from);
        Design b = format.readStored(version(designId, to).content(), "stored version " + to);
        DesignDiff d = DesignDiffer.diff(a, b);
        return new DesignViews.Diff(from, to, d.affectsNetwork(), d);
    }

    private DesignViews.Saved insertVersion(AppUser user, UUID designId, int base, Design design, String message,
                                            Integer restoredFrom) {
        int claimed = jdbc.sql("""
                UPDATE designs SET latest_version = latest_version + 1, updated_at = now()
                WHERE id = ? AND latest_version = ? AND deleted_at IS NULL""").params(designId, base).update();
        if (claimed == 0) {
            throw staleSave(designId, base);
        }
        // the version pins the workspace blocks it uses: their definitions travel in the document
        design = blocks.pin(jdbc.sql("""
                SELECT p.workspace_id FROM designs d JOIN projects p ON p.id = d.project_id WHERE d.id = ?""")
                .param(designId).query(UUID.class).single(), design);
        Analysis analysis = format.analyzer.analyze(design);
        int errors = (int) analysis.problems().stream().filter(p -> p.isError()).count();
        String msg = message == null ? "" : message.strip();
        if (msg.length() > 1000) {
            throw ApiException.badRequest("'message' must be at most 1000 characters");
        }
        jdbc.sql("""
                INSERT INTO design_versions (design_id, number, content, message, author_id, valid, error_count,
                                             restored_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(designId, base + 1, format.write(design), msg, user.id(), analysis.valid(), errors,
                        restoredFrom).update();
        NotifyingDesignVersionFeed.announce(jdbc, designId, base + 1);
        log.debug("Design {} version {} saved by {} ({} errors)", designId, base + 1, user.username(), errors);
        return new DesignViews.Saved(designId, version(designId, base + 1).info(), AnalysisView.of(analysis));
    }

    private ApiException staleSave(UUID designId, int base) {
        DesignViews.Summary summary = summary(designId);
        VersionRow current = version(designId, summary.latestVersion());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("baseVersion", base);
        props.put("currentVersion", current.info());
        props.put("currentContent", format.tree(current.content()));
        return ApiException.conflict("version " + base + " is not the latest: version " + current.info().number()
                + " was saved by " + current.info().author() + " at " + current.info().createdAt()
                + "; reload it (or merge your changes into it) and save again with baseVersion "
                + current.info().number(), props);
    }

    /** The design's project, after checking the caller's role; 404 for deleted designs and outsiders alike. */
    private ProjectRef require(AppUser user, UUID designId, Role min) {
        UUID projectId = jdbc.sql("SELECT project_id FROM designs WHERE id = ? AND deleted_at IS NULL")
                .param(designId).query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("design " + designId));
        try {
            return access.requireProject(user.id(), projectId, min);
        } catch (ApiException e) {
            if (e.status() == org.springframework.http.HttpStatus.NOT_FOUND) {
                throw ApiException.notFound("design " + designId);
            }
            throw e;
        }
    }

    private DesignViews.Summary summary(UUID designId) {
        return jdbc.sql(SELECT_SUMMARY + " WHERE d.id = ?").param(designId).query(SUMMARY).single();
    }

    private VersionRow version(UUID designId, int number) {
        return jdbc.sql(SELECT_VERSION + " WHERE v.design_id = ? AND v.number = ?").params(designId, number)
                .query(VERSION).optional()
                .orElseThrow(() -> ApiException.notFound("version " + number + " of design " + designId));
    }

    private record VersionRow(DesignViews.Version info, String content) {
    }

    private static final String SELECT_SUMMARY = """
            SELECT d.id, d.project_id, d.name, d.latest_version, u.username, d.created_at, d.updated_at
            FROM designs d JOIN users u ON u.id = d.created_by""";

    private static final RowMapper<DesignViews.Summary> SUMMARY = (rs, i) -> new DesignViews.Summary(
            rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4), rs.getString(5),
            rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class));

    private static final String SELECT_VERSION = """
            SELECT v.number, u.username, v.created_at, v.message, v.valid, v.error_count, v.restored_from, v.content
            FROM design_versions v JOIN users u ON u.id = v.author_id""";

    private static final RowMapper<VersionRow> VERSION = (rs, i) -> new VersionRow(new DesignViews.Version(
            rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getBoolean(5),
            rs.getInt(6), (Integer) rs.getObject(7)), rs.getString(8));
}
