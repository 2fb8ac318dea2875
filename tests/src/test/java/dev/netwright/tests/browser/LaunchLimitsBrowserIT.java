package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: the launch dialog refuses absurd settings on their field, with the limits of the one settings record
 * (the same the REST API and the command line apply), and queues nothing; a negative sample limit is refused instead
 * of silently training on everything.
 */
class LaunchLimitsBrowserIT extends BrowserTestBase {

    @Test
    void absurdValuesAreShownOnTheirFieldAndNothingIsQueued() {
        page = newPage(1400, 900, 20_000);
        Accounts.signUp(page, base(), "limits");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog("Limits team");
        page.locator("[data-testid=create-project]").click();
        nameDialog("Limits");
        page.waitForURL("**/projects/*");
        page.locator("[data-testid=new-from-template]").click();
        page.locator("[data-template=mlp-fashion-mnist]").click();
        page.waitForURL("**/designer/*");
        page.locator("[data-testid=train]").click();
        Locator queue = page.locator("[data-testid=launch-queue]");
        assertThat(queue).isVisible();
        assertThat(page.locator("[data-field=batchSize]")).containsText("between 1 and 65,536");

        field("batchSize").fill("1000000000");
        field("batchSize").press("Tab");
        queue.click();
        Locator batch = page.locator("[data-field=batchSize]");
        assertThat(batch).hasAttribute("invalid", "");
        assertThat(batch).containsText("The batch size must be between 1 and 65,536, got 1,000,000,000");
        field("batchSize").fill("32");

        field("epochs").fill("100000");
        field("epochs").press("Tab");
        queue.click();
        assertThat(page.locator("[data-field=epochs]")).containsText("must be between 1 and 10,000, got 100,000");
        field("epochs").fill("2");
        field("epochs").press("Tab");

        page.locator("[data-testid=launch-dataset] input").fill("Fashion");
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText("Fashion-MNIST")).click();
        field("dataset.limit").fill("-3");
        field("dataset.limit").press("Tab");
        queue.click();
        Locator limit = page.locator("[data-field='dataset.limit']");
        assertThat(limit).hasAttribute("invalid", "");
        assertThat(limit).containsText("must be 0 (all) or more");
        shot("launch-limits");
        assertThat(queue).isVisible(); // still the dialog: nothing was queued
    }
}
