package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.block.BlockLibraryService;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.security.AccountService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.Role;
import dev.netwright.backend.workspace.WorkspaceService;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.block.BlockBuilder;
import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Block instances on the canvas: expanded in place and collapsed again (the layers around make room and come back),
 * nested blocks level by level, Ungroup (undoable), and Edit block saving the next version of a workspace block, which the
 * design then offers as an upgrade; a viewer can do none of the changes.
 */
class BlockCanvasBrowserIT extends BrowserTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired
    AccountService accounts;
    @Autowired
    WorkspaceService workspaces;
    @Autowired
    ProjectService projects;
    @Autowired
    DesignService designs;
    @Autowired
    BlockLibraryService blocks;
    @Autowired
    dev.netwright.backend.coedit.LiveDesignService liveDesigns;

    /** "pair": two residual-identity blocks in a row (a workspace block that contains blocks). */
    static BlockDefinition pair() {
        return BlockBuilder.named("pair", 1).description("two identity blocks").input("x")
                .then("a", BlockInstance.TYPE, "block", "residual-identity", "version", 1, "filters", 16)
                .then("b", BlockInstance.TYPE, "block", "residual-identity", "version", 1, "filters", 16).build();
    }

    @Test
    void instancesExpandInPlaceLevelByLevelCollapseAndUngroup() throws Exception {
        Fixture f = fixture();
        page = signedIn(f.ownerName());
        page.navigate(base() + "/designer/" + f.design());
        DesignerPage designer = new DesignerPage(page).awaitCanvas();
        Locator p = designer.node("p");
        assertThat(p.locator(".nw-node-type")).hasText("pair v1");
        String total = designer.totals("total-params").textContent();
        Locator undo = page.locator("[data-testid=undo]");
        assertThat(undo).isDisabled();

        p.locator("[data-testid=block-expand]").click();
        assertThat(p).hasAttribute("data-expanded", "true");
        Design flat = new dev.netwright.designer.block.BlockExpander().expand(f.stored()).flat();
        var analysis = new DesignAnalyzer().analyze(f.stored());
        Locator a = inner(page, "p/a");
        assertThat(a.locator(".nw-node-type")).hasText("residual-identity v1");
        assertThat(a.locator("[data-testid=param-count]")).hasText(
                String.format(Locale.ROOT, "%,d params", analysis.nodes().stream()
                        .filter(r -> r.nodeId().startsWith("p/a/")).mapToLong(r -> r.cost().totalParams()).sum()));
        assertThat(a.locator("[data-testid=output-shape]")).hasText("→ [16, 8, 8]");
        assertThat(page.locator("[data-testid=\"node-p/a/conv1\"]")).hasCount(0);

        // the next level opens inside the first, with the expansion's own shapes and counts
        a.locator("[data-testid=block-expand]").click();
        Locator conv1 = inner(page, "p/a/conv1");
        assertThat(conv1).hasAttribute("data-inner", "true");
        assertThat(conv1.locator("[data-testid=param-count]")).hasText(String.format(Locale.ROOT, "%,d params",
                analysis.node("p/a/conv1").orElseThrow().cost().totalParams()));
        assertThat(conv1.locator(".nw-node-summary")).containsText("filters 16");
        assertThat(flat.node("p/a/conv1")).isPresent();
        // expanding changes no layer: nothing to undo (the room it makes is no step of one's own), the totals stay
        assertThat(undo).isDisabled();
        assertThat(designer.totals("total-params")).hasText(total);

        inner(page, "p/a").locator("[data-testid=block-collapse]").click();
        assertThat(page.locator("[data-testid=\"node-p/a/conv1\"]")).hasCount(0);
        p.locator("[data-testid=block-collapse]").click();
        assertThat(page.locator("[data-testid=\"node-p/a\"]")).hasCount(0);
        assertThat(p.locator("[data-testid=block-expand]")).isVisible();

        // Ungroup replaces the instance by its layers (one level: the inner blocks stay blocks); undo brings it back
        p.locator(".nw-node-head").click(new Locator.ClickOptions().setButton(
                com.microsoft.playwright.options.MouseButton.RIGHT));
        page.locator("[data-testid=menu-ungroup]").click();
        assertThat(designer.node("p_a").locator(".nw-node-type")).hasText("residual-identity v1");
        assertThat(designer.node("p_b")).isVisible();
        assertThat(p).hasCount(0);
        assertThat(designer.totals("total-params")).hasText(total);
        undo.click();
        assertThat(designer.node("p").locator(".nw-node-type")).hasText("pair v1");
        assertThat(designer.node("p_a")).hasCount(0);
    }

    /**
     * An expanded frame pushes the layers below and beside it aside, level by level as it grows, and collapsing
     * brings them back: positions are the design's, so the shared working state holds the room (every co-editor
     * sees the same canvas). Drawn without room, the frame covered the layers under it.
     */
    @Test
    void anExpandedFrameMakesRoomForTheLayersBelowAndBesideItAndCollapsingPutsThemBack() throws Exception {
        // a column: the layers after the block right below it and beside it, where its frame is drawn
        Fixture f = fixture(List.of(at(100, 40), at(100, 200), at(100, 360), at(340, 200)));
        page = signedIn(f.ownerName());
        page.navigate(base() + "/designer/" + f.design());
        DesignerPage designer = new DesignerPage(page).awaitCanvas();
        Locator p = designer.node("p");
        p.locator("[data-testid=block-expand]").click();
        assertThat(inner(page, "p/a")).isVisible();
        awaitApart(page, "p", List.of("in", "flat", "out"));
        inner(page, "p/a").locator("[data-testid=block-expand]").click();
        assertThat(inner(page, "p/a/conv1")).isVisible();
        awaitApart(page, "p", List.of("in", "flat", "out"));
        // making room is no step of one's own to undo
        assertThat(page.locator("[data-testid=undo]")).isDisabled();
        Design shared = liveDesigns.current(f.owner(), f.design()).design();
        assertThat(shared.node("flat").orElseThrow().position().y()).isGreaterThan(360);
        assertThat(shared.node("out").orElseThrow().position().x()).isGreaterThan(340);

        p.locator("[data-testid=block-collapse]").click();
        assertThat(inner(page, "p/a")).hasCount(0);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!liveDesigns.current(f.owner(), f.design()).design().nodes().equals(f.stored().nodes())
                && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(100);
        }
        assertThat(liveDesigns.current(f.owner(), f.design()).design().nodes()).as("collapsing puts them back")
                .isEqualTo(f.stored().nodes());
    }

    /** Waits until the drawn box of {@code framed} overlaps none of {@code others}' (fails after 10 s). */
    private static void awaitApart(Page page, String framed, List<String> others) {
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> covered;
        do {
            var box = page.locator("[data-testid=\"node-" + framed + "\"]").boundingBox();
            covered = others.stream().filter(o -> {
                var b = page.locator("[data-testid=\"node-" + o + "\"]").boundingBox();
                return box.x < b.x + b.width && b.x < box.x + box.width && box.y < b.y + b.height
                        && b.y < box.y + box.height;
            }).toList();
            if (!covered.isEmpty()) {
                page.waitForTimeout(100);
            }
        } while (!covered.isEmpty() && System.currentTimeMillis() < deadline);
        assertThat(covered).as("layers the frame of " + framed + " covers").isEmpty();
    }

    private static dev.netwright.designer.model.Position at(double x, double y) {
        return new dev.netwright.designer.model.Position(x, y);
    }

    @Test
    void editBlockSavesTheNextVersionWhichTheDesignOffersAndViewersCannotEdit() throws Exception {
        Fixture f = fixture();
        page = signedIn(f.ownerName());
        page.navigate(base() + "/designer/" + f.design());
        DesignerPage designer = new DesignerPage(page).awaitCanvas();
        String total = designer.totals("total-params").textContent();
        designer.node("p").locator(".nw-node-head").click(new Locator.ClickOptions().setButton(
                com.microsoft.playwright.options.MouseButton.RIGHT));
        page.locator("[data-testid=menu-edit-block]").click();

        // the block's inner graph, its input as an Input layer shaped like what the instance receives
        Locator banner = page.locator("[data-testid=block-editing]");
        assertThat(banner).containsText("Editing block pair (version 1)");
        assertThat(banner.locator("[data-testid=block-ports]")).containsText("inputs: x");
        assertThat(banner.locator("[data-testid=block-ports]")).containsText("output: b");
        assertThat(designer.node("x").locator("[data-testid=output-shape]")).hasText("→ [16, 8, 8]");
        assertThat(designer.node("a").locator(".nw-node-type")).hasText("residual-identity v1");
        assertThat(designer.node("p")).hasCount(0);

        // drop the second inner block: "a" is then the only layer left to be the output
        designer.select("b");
        page.keyboard().press("Delete");
        assertThat(designer.node("b")).hasCount(0);
        banner.locator("[data-testid=block-documentation] input").fill("one identity block");
        banner.locator("[data-testid=save-block]").click();

        assertThat(banner).hasCount(0);
        assertThat(designer.node("p").locator(".nw-node-type")).hasText("pair v1");
        assertThat(designer.totals("total-params")).hasText(total);
        var v2 = blocks.get(f.owner(), f.workspace(), "pair", 2);
        assertThat(v2.definition().get("description").asString()).isEqualTo("one identity block");
        assertThat(v2.definition().get("nodes").size()).isEqualTo(1);
        assertThat(v2.definition().get("output").asString()).isEqualTo("a");
        // the design still pins version 1 and offers version 2
        designer.select("p");
        assertThat(page.locator("[data-testid=property-panel]")).containsText("Version 2 is available");

        // a viewer sees the design read only: no block menu; the library refuses the viewer's version (403)
        Page viewer = signedIn(f.viewerName());
        viewer.navigate(base() + "/designer/" + f.design());
        DesignerPage viewed = new DesignerPage(viewer).awaitCanvas();
        viewed.node("p").locator(".nw-node-head").click(new Locator.ClickOptions().setButton(
                com.microsoft.playwright.options.MouseButton.RIGHT));
        viewer.waitForTimeout(300);
        assertThat(viewer.locator("[data-testid=menu-edit-block]")).hasCount(0);
        // expanding is a view, so a viewer may look inside
        viewed.node("p").locator("[data-testid=block-expand]").click();
        assertThat(inner(viewer, "p/a")).isVisible();
        assertThatThrownBy(() -> blocks.newVersion(f.viewer(), f.workspace(), "pair", 2,
                JSON.readTree(new DesignJson().writeBlock(pair())), "viewer's change"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    private record Fixture(AppUser owner, String ownerName, AppUser viewer, String viewerName, UUID workspace,
                           UUID design, Design stored) {
    }

    /** An owner and a viewer of a workspace with the block "pair" and a design using it. */
    private Fixture fixture() throws Exception {
        // the layers after the block stand beside it, so its expanded frame covers none of them
        return fixture(List.of(at(100, 40), at(100, 200), at(800, 200), at(800, 360)));
    }

    /** The same, with in, p, flat and out at {@code at}. */
    private Fixture fixture(List<dev.netwright.designer.model.Position> at) throws Exception {
        String ownerName = Accounts.unique("blockowner");
        AppUser owner = accounts.signUp(ownerName, ownerName + "@example.org", ownerName, Accounts.PASSWORD);
        String viewerName = Accounts.unique("blockviewer");
        AppUser viewer = accounts.signUp(viewerName, viewerName + "@example.org", viewerName, Accounts.PASSWORD);
        UUID ws = workspaces.create(owner, "Blocks").id();
        var invitation = workspaces.invite(owner, ws, viewerName, Role.VIEWER);
        workspaces.answer(viewer, invitation.id(), true);
        UUID project = projects.create(owner, ws, "Nested", "").id();
        blocks.create(owner, ws, JSON.readTree(new DesignJson().writeBlock(pair())), "two identity blocks");
        Design design = DesignBuilder.named("nested").node("in", "Input", "shape", List.of(16, 8, 8))
                .then("p", BlockInstance.TYPE, "block", "pair", "version", 1)
                .then("flat", "Flatten").then("out", "Dense", "units", 10).build().withBlocks(List.of(pair()));
        Design laidOut = design.withNodes(design.nodes().stream()
                .map(n -> n.withPosition(at.get(design.nodes().indexOf(n)))).toList());
        UUID id = designs.create(owner, project, "nested", new DesignService.Source.Imported(
                new DesignJson().write(laidOut)), "with a nested block").designId();
        return new Fixture(owner, ownerName, viewer, viewerName, ws, id, laidOut);
    }

    private Page signedIn(String name) {
        Page p = newPage(1400, 1000, 20_000);
        Accounts.signIn(p, base(), name, Accounts.PASSWORD);
        p.locator("[data-testid=current-user]").waitFor();
        return p;
    }

    private static Locator inner(Page page, String path) {
        return page.locator("[data-testid=\"node-" + path + "\"]");
    }
}
