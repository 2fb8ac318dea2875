package dev.netwright.backend.coedit;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.block.BlockLibraryService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.designer.block.BlockExtraction;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Make block" on a design edited live: the block is cut from the shared state as it is under its lock (never from
 * a tab's older view of layers a co-editor just changed), and the library's new block and the live edit that uses it
 * are one transaction: either both are made or neither (no block left in the library by a refused edit).
 */
@Service
public class LiveBlockService {
    private final LiveDesignService live;
    private final BlockLibraryService library;
    private final JdbcClient jdbc;
    private final DesignJson json = new DesignJson();

    LiveBlockService(LiveDesignService live, BlockLibraryService library, JdbcClient jdbc) {
        this.live = live;
        this.library = library;
        this.jdbc = jdbc;
    }

    /**
     * A block made live.
     *
     * @param changedMeanwhile the chosen layers a co-editor changed (parameters, type, frozen, connections) after
     *                         the maker's tab last saw them: the block holds their current values, and the maker is
     *                         told so
     */
    public record Made(LiveViews.Submitted submitted, BlockExtraction.Result block, List<String> changedMeanwhile) {
        public Made {
            changedMeanwhile = List.copyOf(changedMeanwhile);
        }

        /** What the maker is told about layers that changed under them, or empty. */
        public String notice() {
            if (changedMeanwhile.isEmpty()) {
                return "";
            }
            return String.join(", ", changedMeanwhile) + (changedMeanwhile.size() == 1 ? " was" : " were")
                    + " changed by another editor meanwhile: block '" + block.block().name()
                    + "' holds the layers as they are now";
        }
    }

    /**
     * Makes block {@code name} of {@code layers} of the shared state and puts it into the design's workspace library
     * (version 1). {@code seen} is the design as the maker's tab showed it, to tell what changed since.
     *
     * @throws ApiException 409 when a chosen layer was deleted meanwhile or the library has the name; 400 when the
     *                      layers cannot be a block; nothing is made in either case
     */
    @Transactional
    public Made makeBlock(AppUser user, UUID designId, UUID clientId, Design seen, List<String> layers, String name,
                          String description, String message) {
        AtomicReference<BlockExtraction.Result> made = new AtomicReference<>();
        AtomicReference<List<String>> changed = new AtomicReference<>(List.of());
        LiveViews.Submitted s = live.editCurrent(user, designId, clientId, current -> {
            for (String id : layers) {
                if (current.node(id).isEmpty()) {
                    throw ApiException.conflict("layer " + id + " was deleted by another editor: block '" + name
                            + "' was not made");
                }
            }
            BlockExtraction.Result r;
            try {
                r = BlockExtraction.extract(current, layers, name, description);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            // in the library first: a name the library has refuses the whole gesture before the design changes
            library.create(user, workspaceOf(designId), json.blockTree(r.block()), message);
            made.set(r);
            changed.set(layers.stream().filter(id -> changedSince(seen, current, id)).toList());
            return r.design();
        });
        return new Made(s, made.get(), changed.get());
    }

    /** Whether layer {@code id} differs between the two states in what a block keeps of it (not its position). */
    private static boolean changedSince(Design seen, Design current, String id) {
        Node was = seen.node(id).orElse(null);
        Node is = current.node(id).orElseThrow();
        if (was == null || !was.type().equals(is.type()) || !was.params().equals(is.params())
                || was.frozen() != is.frozen()) {
            return true;
        }
        return !edgesOf(seen, id).equals(edgesOf(current, id));
    }

    private static List<Edge> edgesOf(Design d, String id) {
        return d.edges().stream().filter(e -> Objects.equals(e.from(), id) || Objects.equals(e.to(), id))
                .sorted(java.util.Comparator.comparing(Edge::toString)).toList();
    }

    private UUID workspaceOf(UUID designId) {
        return jdbc.sql("SELECT p.workspace_id FROM designs d JOIN projects p ON p.id = d.project_id WHERE d.id = ?")
                .param(designId).query(UUID.class).single();
    }
}
