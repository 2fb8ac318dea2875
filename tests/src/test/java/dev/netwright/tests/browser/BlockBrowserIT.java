package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.block.BlockLibraryService;
import dev.netwright.backend.block.BlockViews;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.security.AccountService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceService;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Blocks in a stored design: "Make block" collapses the selection and adds the block to the workspace library. */
class BlockBrowserIT extends BrowserTestBase {
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

    @Test
    void makeBlockInAStoredDesignPublishesItToTheWorkspaceLibrary() {
        String name = Accounts.unique("blocks");
        AppUser user = accounts.signUp(name, name + "@example.org", name, Accounts.PASSWORD);
        UUID ws = workspaces.create(user, "Blocks").id();
        UUID project = projects.create(user, ws, "LeNet", "").id();
        UUID design = designs.create(user, project, "lenet", new DesignService.Source.FromTemplate("lenet-cnn"),
                "from the template").designId();

        page = newPage(1400, 1000, 20_000);
        String base = base();
        Accounts.signIn(page, base, name, Accounts.PASSWORD);
        page.locator("[data-testid=current-user]").waitFor();
        page.navigate(base + "/designer/" + design);
        DesignerPage designer = new DesignerPage(page).awaitCanvas();
        designer.node("conv2").waitFor();

        designer.node("conv2").locator(".nw-node-head").click();
        designer.node("pool2").locator(".nw-node-head").click(new com.microsoft.playwright.Locator.ClickOptions()
                .setModifiers(java.util.List.of(com.microsoft.playwright.options.KeyboardModifier.SHIFT)));
        page.locator("[data-testid=make-block]").click();
        page.locator("[data-testid=block-name] input").fill("conv-pool");
        page.locator("[data-testid=make-block-confirm]").click();

        assertThat(designer.node("conv-pool").locator(".nw-node-type")).hasText("conv-pool v1");
        assertThat(designer.totals("total-params")).hasText("61,706");
        assertThat(blocks.list(user, ws)).extracting(BlockViews.Summary::name).contains("conv-pool");
        assertThat(blocks.get(user, ws, "conv-pool", 1).definition().get("nodes").size()).isEqualTo(2);

        // a teammate saves version 2 (a ReLU after the pooling: no new parameters); the instance offers it
        var v2 = dev.netwright.designer.block.BlockBuilder.named("conv-pool", 2).input("in_pool1")
                .then("conv2", "Conv2D", "filters", 16, "kernelSize", 5)
                .then("pool2", "MaxPool2D", "poolSize", 2).then("relu", "Activation", "function", "relu").build();
        blocks.newVersion(user, ws, "conv-pool", 1, tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(new dev.netwright.designer.format.DesignJson().writeBlock(v2)), "with ReLU");
        designer.select("fc1");
        designer.select("conv-pool");
        assertThat(page.locator("[data-testid=property-panel]")).containsText("Version 2 is available");
        designer.setParam("version", "2");
        assertThat(designer.node("conv-pool").locator(".nw-node-type")).hasText("conv-pool v2");
        assertThat(designer.totals("total-params")).hasText("61,706");
        assertThat(designer.totals("design-status")).containsText("Ready to train");

        // the workspace's other designs find the block in their palette
        UUID other = designs.create(user, project, "mlp", new DesignService.Source.FromTemplate("mlp-fashion-mnist"),
                "another design").designId();
        page.navigate(base + "/designer/" + other);
        new DesignerPage(page).awaitCanvas();
        assertThat(page.locator("[data-layer-type='Block:conv-pool']")).isVisible();
    }
}
