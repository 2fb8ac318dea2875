package dev.netwright.backend.block;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.FieldProblem;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BlockRef;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A workspace's block library: blocks with immutable numbered versions, saved like designs (a new version names
 * the version it was based on; a stale base is refused with 409). Viewers read, editors create and version.
 * Built-in blocks are part of every library and cannot be replaced. Designs pin the versions they use by carrying
 * their definitions ({@link #pin}).
 */
@Service
public class BlockLibraryService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final AuditLog audit;
    private final DesignJson json = new DesignJson();

    BlockLibraryService(JdbcClient jdbc, WorkspaceAccess access, AuditLog audit) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
    }

    public List<BlockViews.Summary> list(AppUser user, UUID workspaceId) {
        access.requireWorkspace(user.id(), workspaceId, Role.VIEWER);
        List<BlockViews.Summary> all = new ArrayList<>(jdbc.sql("""
                SELECT b.name, b.latest_version, v.content, b.updated_at FROM blocks b
                JOIN block_versions v ON v.block_id = b.id AND v.number = b.latest_version
                WHERE b.workspace_id = ? ORDER BY b.name""").param(workspaceId)
                .query((rs, i) -> new BlockViews.Summary(rs.getString(1), rs.getInt(2),
                        JSON.readTree(rs.getString(3)).path("description").asString(""), false,
                        rs.getObject(4, OffsetDateTime.class))).list());
        for (BlockDefinition b : BuiltInBlocks.all()) {
            all.add(new BlockViews.Summary(b.name(), b.version(), b.description(), true, null));
        }
        return all;
    }

    public BlockViews.Detail get(AppUser user, UUID workspaceId, String name, Integer version) {
        access.requireWorkspace(user.id(), workspaceId, Role.VIEWER);
        BlockDefinition builtIn = builtIn(name);
        if (builtIn != null) {
            if (version != null && version != builtIn.version()) {
                throw ApiException.notFound("version " + version + " of built-in block '" + name + "'");
            }
            return new BlockViews.Detail(name, 1, 1, true, "built in", null, null, json.blockTree(builtIn));
        }
        int latest = latestVersion(workspaceId, name);
        int n = version == null ? latest : version;
        return jdbc.sql("""
                SELECT v.number, v.message, u.username, v.created_at, v.content FROM block_versions v
                JOIN blocks b ON b.id = v.block_id JOIN users u ON u.id = v.author_id
                WHERE b.workspace_id = ? AND b.name = ? AND v.number = ?""").params(workspaceId, name, n)
                .query((rs, i) -> new BlockViews.Detail(name, rs.getInt(1), latest, false, rs.getString(2),
                        rs.getString(3), rs.getObject(4, OffsetDateTime.class), JSON.readTree(rs.getString(5))))
                .optional().orElseThrow(() -> ApiException.notFound("version " + n + " of block '" + name + "'"));
    }

    /** Creates a block at version 1 (the definition's own version is ignored). */
    @Transactional
    public BlockViews.Detail create(AppUser user, UUID workspaceId, JsonNode definition, String message) {
        access.requireWorkspace(user.id(), workspaceId, Role.EDITOR);
        BlockDefinition block = read(definition);
        if (!NAME.matcher(block.name()).matches()) {
            throw ApiException.badRequest("'block.name' must be 1 to 63 lower-case letters, digits and dashes, "
                    + "starting with a letter or digit (got '" + block.name() + "')");
        }
        if (builtIn(block.name()) != null) {
            throw ApiException.conflict("'" + block.name() + "' is a built-in block; give yours another name");
        }
        UUID id = jdbc.sql("""
                INSERT INTO blocks (workspace_id, name, created_by) VALUES (?, ?, ?)
                ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id""")
                .params(workspaceId, block.name(), user.id()).query(UUID.class).optional()
                .orElseThrow(() -> ApiException.conflict("the workspace already has a block '" + block.name()
                        + "'; save a new version with POST /api/workspaces/" + workspaceId + "/blocks/"
                        + block.name() + "/versions"));
        return insertVersion(user, workspaceId, id, block, 0, message);
    }

    /** Saves a new version based on {@code baseVersion}, which must still be the latest. */
    @Transactional
    public BlockViews.Detail newVersion(AppUser user, UUID workspaceId, String name, Integer baseVersion,
                                        JsonNode definition, String message) {
        access.requireWorkspace(user.id(), workspaceId, Role.EDITOR);
        if (builtIn(name) != null) {
            throw ApiException.conflict("built-in block '" + name + "' cannot be changed; create a block of your own");
        }
        if (baseVersion == null) {
            throw ApiException.badRequest("'baseVersion' is missing: the version your change is based on");
        }
        BlockDefinition block = read(definition);
        if (!block.name().equals(name)) {
            throw ApiException.badRequest("'block.name' is '" + block.name() + "' but this is block '" + name + "'");
        }
        UUID id = jdbc.sql("SELECT id FROM blocks WHERE workspace_id = ? AND name = ?").params(workspaceId, name)
                .query(UUID.class).optional().orElseThrow(() -> ApiException.notFound("block '" + name + "'"));
        return insertVersion(user, workspaceId, id, block, baseVersion, message);
    }

    private BlockViews.Detail insertVersion(AppUser user, UUID workspaceId, UUID blockId, BlockDefinition block,
                                            int base, String message) {
        String msg = message == null ? "" : message.strip();
        if (msg.length() > 1000) {
            throw ApiException.badRequest("'message' must be at most 1000 characters");
        }
        int number = base + 1;
        BlockDefinition versioned = block.withVersion(number);
        checkNested(workspaceId, versioned);
        int claimed = jdbc.sql("""
                UPDATE blocks SET latest_version = ?, updated_at = now() WHERE id = ? AND latest_version = ?""")
                .params(number, blockId, base).update();
        if (claimed == 0) {
            int latest = jdbc.sql("SELECT latest_version FROM blocks WHERE id = ?").param(blockId)
                    .query(Integer.class).single();
            throw ApiException.conflict("version " + base + " of block '" + block.name() + "' is not the latest: "
                    + "version " + latest + " is; base your change on it and save again", Map.of("latestVersion", latest));
        }
        jdbc.sql("INSERT INTO block_versions (block_id, number, content, message, author_id) VALUES (?, ?, ?, ?, ?)")
                .params(blockId, number, json.writeBlock(versioned), msg, user.id()).update();
        audit.record(workspaceId, user.id(), number == 1 ? "block.create" : "block.version", "block", blockId,
                Map.of("name", block.name(), "version", number));
        return get(user, workspaceId, block.name(), number);
    }

    /** Nested instances must name blocks that exist, and no block may contain itself. */
    private void checkNested(UUID workspaceId, BlockDefinition block) {
        BlockLibrary library = BlockLibrary.of(List.of(block)).before(library(workspaceId));
        ArrayDeque<List<BlockRef>> paths = new ArrayDeque<>();
        paths.add(List.of(block.ref()));
        while (!paths.isEmpty()) {
            List<BlockRef> path = paths.poll();
            BlockDefinition def = library.find(path.get(path.size() - 1)).orElseThrow();
            for (Node n : def.nodes()) {
                if (!BlockInstance.isInstance(n)) {
                    continue;
                }
                BlockRef ref = BlockInstance.of(n).map(BlockInstance::ref).orElseThrow(() -> ApiException.badRequest(
                        "inner node '" + n.id() + "' of " + def.ref() + " needs params 'block' and 'version'"));
                if (path.contains(ref)) {
                    List<String> names = new ArrayList<>(path.subList(path.indexOf(ref), path.size()).stream()
                            .map(BlockRef::toString).toList());
                    names.add(ref.toString());
                    throw ApiException.badRequest("the block cycle " + String.join(" -> ", names) + " contains itself");
                }
                if (library.find(ref).isEmpty()) {
                    throw ApiException.badRequest("inner node '" + n.id() + "' of " + def.ref() + " uses block " + ref
                            + ", which is not in this workspace's library");
                }
                List<BlockRef> next = new ArrayList<>(path);
                next.add(ref);
                paths.add(next);
            }
        }
    }

    /** Every version of the workspace's blocks, then the built-in ones. */
    public BlockLibrary library(UUID workspaceId) {
        List<BlockDefinition> defs = new ArrayList<>();
        for (String content : jdbc.sql("""
                SELECT v.content FROM block_versions v JOIN blocks b ON b.id = v.block_id
                WHERE b.workspace_id = ?""").param(workspaceId).query(String.class).list()) {
            try {
                defs.add(json.readBlock(content));
            } catch (DesignFormatException e) {
                throw new IllegalStateException("stored block version is unreadable: " + e.getMessage(), e);
            }
        }
        return BlockLibrary.of(defs).before(BuiltInBlocks.library());
    }

    /**
     * The design carrying the definitions of every workspace block version its instances use (nested ones
     * included), so the saved document keeps meaning the same when the library gets new versions. References to
     * blocks the library lacks are left for analysis to report.
     */
    public Design pin(UUID workspaceId, Design design) {
        if (!design.hasBlockInstances()) {
            return design;
        }
        BlockLibrary library = BlockLibrary.of(design.blocks()).before(library(workspaceId));
        Map<BlockRef, BlockDefinition> carried = new LinkedHashMap<>();
        design.blocks().forEach(b -> carried.put(b.ref(), b));
        ArrayDeque<Node> todo = new ArrayDeque<>(design.nodes());
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            BlockRef ref = BlockInstance.of(n).map(BlockInstance::ref).orElse(null);
            if (ref == null || carried.containsKey(ref) || BuiltInBlocks.library().find(ref).isPresent()) {
                continue;
            }
            library.find(ref).ifPresent(def -> {
                carried.put(ref, def);
                todo.addAll(def.nodes());
            });
        }
        return carried.size() == design.blocks().size() ? design : design.withBlocks(List.copyOf(carried.values()));
    }

    /** The blocks a design uses at an older version than the workspace library's newest: upgrade offers. */
    public List<BlockViews.Upgrade> upgrades(UUID workspaceId, Design design) {
        BlockLibrary library = library(workspaceId);
        Map<BlockRef, List<String>> used = new TreeMap<>(java.util.Comparator.comparing(BlockRef::name)
                .thenComparingInt(BlockRef::version));
        for (Node n : design.nodes()) {
            BlockInstance.of(n).ifPresent(b -> used.computeIfAbsent(b.ref(), k -> new ArrayList<>()).add(n.id()));
        }
        List<BlockViews.Upgrade> offers = new ArrayList<>();
        used.forEach((ref, ids) -> library.latest(ref.name()).filter(d -> d.version() > ref.version())
                .ifPresent(d -> offers.add(new BlockViews.Upgrade(ref.name(), ref.version(), d.version(), ids))));
        return offers;
    }

    private int latestVersion(UUID workspaceId, String name) {
        return jdbc.sql("SELECT latest_version FROM blocks WHERE workspace_id = ? AND name = ?")
                .params(workspaceId, name).query(Integer.class).optional()
                .orElseThrow(() -> ApiException.notFound("block '" + name + "'"));
    }

    private static BlockDefinition builtIn(String name) {
        return BuiltInBlocks.all().stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    private BlockDefinition read(JsonNode definition) {
        if (definition == null || definition.isNull()) {
            throw ApiException.badRequest("'block' is missing: send the block definition (see docs/design-format.md)");
        }
        try {
            return json.readBlock(definition.toString());
        } catch (DesignFormatException e) {
            List<FieldProblem> errors = e.errors().stream()
                    .map(f -> new FieldProblem(f.path().replaceFirst("^\\$", "block"), f.reason())).toList();
            throw ApiException.badRequest("'block' is not a valid block definition: " + errors.size()
                    + (errors.size() == 1 ? " problem" : " problems") + ", first at " + errors.get(0).path() + ": "
                    + errors.get(0).reason(), Map.of("errors", errors));
        }
    }
}
