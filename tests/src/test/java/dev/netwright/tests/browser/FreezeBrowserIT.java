package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.MouseButton;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, fine-tuning: "Freeze up to here" on a layer marks it and every layer before it, the marks are undoable
 * and saved with the version, and the launch dialog says how many parameters will train.
 */
class FreezeBrowserIT extends BrowserTestBase {

    @Test
    void freezeUpToALayerMarksItsAncestorsAndTheLaunchDialogCountsTrainableParameters() {
        page = newPage(1400, 900, 20_000);
        Accounts.signUp(page, base(), "freeze");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog("Tuning team");
        page.locator("[data-testid=create-project]").click();
        nameDialog("Tuning");
        page.waitForURL("**/projects/*");
        page.locator("[data-testid=new-from-template]").click();
        page.locator("[data-template=mlp-fashion-mnist]").click();
        page.waitForURL("**/designer/*");
        new DesignerPage(page).awaitCanvas();

        // input -> flatten -> hidden1 -> dropout -> hidden2 -> output
        page.locator("[data-testid=node-hidden2]").click(new Locator.ClickOptions().setButton(MouseButton.RIGHT));
        page.locator("[data-testid=menu-freeze]").click();
        Locator badges = page.locator("[data-testid=frozen-badge]");
        assertThat(badges).hasCount(5);
        for (String id : new String[] {"input", "flatten", "hidden1", "dropout", "hidden2"}) {
            assertThat(page.locator("[data-testid=node-" + id + "]")).hasAttribute("data-frozen", "true");
        }
        assertThat(page.locator("[data-testid=node-output] [data-testid=frozen-badge]")).hasCount(0);
        shot("frozen-up-to-hidden2");

        // undoable like any edit, and "Unfreeze all" clears every mark
        page.locator("[data-testid=undo]").click();
        assertThat(badges).hasCount(0);
        page.locator("[data-testid=redo]").click();
        assertThat(badges).hasCount(5);
        page.locator("[data-testid=node-output]").click(new Locator.ClickOptions().setButton(MouseButton.RIGHT));
        page.locator("[data-testid=menu-unfreeze]").click();
        assertThat(badges).hasCount(0);
        page.locator("[data-testid=undo]").click();
        assertThat(badges).hasCount(5);

        page.locator("[data-testid=save]").click();
        page.locator("[data-testid=save-message] input").fill("freeze the features");
        page.locator("[data-testid=save-confirm]").click();
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("version 2"))).not().hasCount(0);

        page.locator("[data-testid=train]").click();
        // only the output layer trains: 64 x 10 + 10 of 784 x 128 + 128 + 128 x 64 + 64 + 650
        assertThat(page.locator("[data-testid=launch-trainable]"))
                .containsText("650 trainable of 109,386 parameters (5 layers frozen");
        shot("launch-trainable");

        // the marks were saved with the version: a fresh load draws them again
        page.keyboard().press("Escape");
        page.reload();
        new DesignerPage(page).awaitCanvas();
        assertThat(badges).hasCount(5);
    }
}
