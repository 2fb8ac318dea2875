package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Training from the browser against the real app, PostgreSQL and DJL: a design from the template gallery is trained
 * on Fashion-MNIST from the designer's Train button; the run page shows live curve points while the run is still
 * running, then the test results; the runs list shows it, and a viewer sees it without being able to train or cancel.
 */
class TrainingBrowserIT extends BrowserTestBase {
    private Page newUserPage() {
        return newPage(1400, 900, 20_000);
    }

    @Test
    void trainFromTheDesignerWatchLiveCurvesThenResults() {
        page = newUserPage();
        Accounts.signUp(page, base(), "trainer");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog("Training team");
        page.locator("[data-testid=create-project]").click();
        nameDialog("Clothes");
        page.waitForURL("**/projects/*");
        String projectUrl = page.url();

        page.locator("[data-testid=runs-link]").click();
        page.waitForURL("**/runs");
        assertThat(page.locator("[data-testid=empty-state]")).containsText("No runs yet");
        assertThat(page.locator("[data-testid=empty-state]")).containsText("Train");

        page.navigate(projectUrl);
        page.locator("[data-testid=new-from-template]").click();
        page.locator("[data-template=mlp-fashion-mnist]").click();
        page.waitForURL("**/designer/*");
        String designUrl = page.url();
        page.locator("[data-testid=train]").click();
        // the dialog's host element has no box of its own (the overlay does); its fields are what shows
        Locator dialog = page.locator("[data-testid=launch-queue]");
        assertThat(dialog).isVisible();

        page.locator("[data-testid=launch-dataset] input").fill("Fashion");
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText("Fashion-MNIST")).click();
        // the split as the engine makes it: 60,000 of the 70,000 train, 10 % of those validate
        assertThat(page.locator("[data-testid=launch-estimate]")).containsText("54,000 training samples per epoch");
        assertThat(page.locator("[data-testid=launch-estimate]")).containsText("rough guess");
        field("dataset.limit").fill("3000");
        // 15 epochs of 2,700 samples: about 9 s on a quiet 2-core machine, long enough to see live points and reload
        // while the run is still going (3 epochs finished in under 2 s, before the page could show it running)
        field("epochs").fill("15");
        field("epochs").press("Tab");
        Locator estimate = page.locator("[data-testid=launch-estimate]");
        assertThat(estimate).containsText("109,386 parameters");
        assertThat(estimate).containsText("2,700 training samples per epoch");
        assertThat(estimate).containsText("rough");
        // the server's memory check, in the words a refused queue request would use
        Locator memory = page.locator("[data-testid=launch-memory]");
        assertThat(memory).containsText("training needs about");
        assertThat(memory).containsText("the largest worker has");

        // an option the engine refuses is shown on its field, and nothing is queued
        field("learningRate").fill("0");
        field("learningRate").press("Tab");
        page.locator("[data-testid=launch-queue]").click();
        Locator rate = page.locator("[data-field=learningRate]");
        assertThat(rate).hasAttribute("invalid", "");
        // the field says what is wrong in words, without the API's "'config': " prefix
        assertThat(rate).containsText("learning rate must be a positive number");
        assertThat(rate).not().containsText("'config'");
        assertThat(dialog).isVisible();
        field("learningRate").fill("0.001");
        field("learningRate").press("Tab");
        shot("launch-dialog");

        long clicked = System.nanoTime();
        page.locator("[data-testid=launch-queue]").click();
        page.waitForURL("**/runs/*");
        String runUrl = page.url();
        // the first live point, while the run is still going
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=chart-loss]');"
                + " return c && Number(c.getAttribute('data-points')) > 0; }", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000).setPollingInterval(20));
        long firstPoint = System.nanoTime();
        String statusAtFirstPoint = page.locator("[data-testid=run-status]").textContent();
        System.out.printf("Train/Queue click to first live chart point: %d ms (status then: %s)%n",
                (firstPoint - clicked) / 1_000_000, statusAtFirstPoint);
        assertThat(statusAtFirstPoint).isEqualTo("RUNNING");
        shot("run-live");
        // reloading mid-run: the stored history is drawn, then the page continues live (the final count below,
        // compared with a fresh load after the end, shows that nothing was lost or drawn twice)
        page.reload();
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=chart-loss]');"
                + " return c && Number(c.getAttribute('data-points')) > 0; }");

        page.locator("[data-testid=run-status][data-status=SUCCEEDED]").waitFor(
                new Locator.WaitForOptions().setTimeout(300_000));
        long points = Long.parseLong(page.locator("[data-testid=chart-loss]").getAttribute("data-points"));
        assertThat(points).isGreaterThanOrEqualTo(6); // per-batch and per-epoch train loss, validation loss x 3
        assertThat(page.locator("[data-testid=test-metrics]")).containsText("Accuracy");
        assertThat(page.locator("[data-testid=test-metrics]")).containsText("Test samples");
        Locator matrix = page.locator("[data-testid=confusion-matrix]");
        assertThat(matrix).isVisible();
        assertThat(matrix).hasAttribute("data-points", "100");
        Locator perClass = page.locator("[data-testid=per-class-table]");
        assertThat(perClass).containsText("Precision");
        assertThat(perClass).containsText("Ankle boot");
        assertThat(page.locator("[data-testid=artifact-download]")).isVisible();
        // sample predictions: Fashion-MNIST pictures with their true and predicted labels
        Locator cards = page.locator("[data-testid=sample-predictions] [data-testid=prediction-card]");
        assertThat(cards).hasCount(16);
        assertThat(cards.first()).containsText("true: ");
        assertThat(cards.first()).containsText("predicted: ");
        assertThat(cards.first().locator("img")).isVisible();
        page.waitForFunction("() => { const i = document.querySelector("
                + "'[data-testid=sample-predictions] [data-testid=prediction-card] img'); "
                + "return i && i.complete && i.naturalWidth > 0; }");
        assertThat(page.locator("[data-testid=run-log]")).containsText("succeeded");
        assertThat(page.locator("[data-testid=run-cancel]")).isDisabled();
        shot("run-finished");

        // a reload after the end shows the same history once
        page.reload();
        page.locator("[data-testid=run-status][data-status=SUCCEEDED]").waitFor();
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=chart-loss]');"
                + " return c && Number(c.getAttribute('data-points')) === " + points + "; }");
        assertThat(page.locator("[data-testid=confusion-matrix]")).hasAttribute("data-points", "100");

        page.locator("[data-testid=back-to-runs]").click();
        page.waitForURL("**/runs");
        Locator grid = page.locator("[data-testid=runs-grid]");
        assertThat(grid).containsText("SUCCEEDED");
        assertThat(grid).containsText("MLP");
        assertThat(grid).containsText("test accuracy");
        shot("runs-list");

        // a second run from the runs list, then both compared: curves overlaid, settings side by side
        page.locator("[data-testid=runs-train]").click();
        page.locator("[data-testid=launch-dataset] input").fill("Fashion");
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText("Fashion-MNIST")).click();
        field("dataset.limit").fill("3000");
        field("epochs").fill("2");
        field("learningRate").fill("0.003");
        field("learningRate").press("Tab");
        // the first run of this design measured this server's speed: the estimate now comes from it
        assertThat(page.locator("[data-testid=launch-estimate]")).containsText("measured: the v1 run of");
        assertThat(page.locator("[data-testid=launch-estimate]")).containsText("samples/s on this server");
        page.locator("[data-testid=launch-queue]").click();
        page.waitForURL("**/runs/*");
        page.locator("[data-testid=run-status][data-status=SUCCEEDED]").waitFor(
                new Locator.WaitForOptions().setTimeout(300_000));
        page.locator("[data-testid=back-to-runs]").click();
        page.waitForURL("**/runs");
        assertThat(page.locator("[data-testid=runs-compare]")).isDisabled();
        page.locator("[data-testid=runs-grid] vaadin-checkbox").first().click(); // select all
        page.locator("[data-testid=runs-compare]").click();
        Locator table = page.locator("[data-testid=compare-table]");
        assertThat(table).containsText("learningRate");
        assertThat(table).containsText("0.003");
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=compare-chart]');"
                + " return c && Number(c.getAttribute('data-points')) === 17; }"); // 15 + 2 epochs
        shot("compare");
        page.keyboard().press("Escape");

        // a viewer sees the run, but cannot train or cancel
        Page viewer = newUserPage();
        String viewerName = Accounts.signUp(viewer, base(), "watcher");
        page.navigate(base() + "/");
        page.locator(".nw-card a").first().click();
        page.locator("[data-testid=members-link]").click();
        page.locator("[data-testid=invite-who] input").fill(viewerName);
        page.locator("[data-testid=invite-role]").first().click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("Viewer")).first().click();
        page.locator("[data-testid=invite]").click();
        assertThat(page.getByText(viewerName + " as ")).isVisible();
        viewer.navigate(base() + "/");
        viewer.locator("[data-testid=accept-invitation]").click();
        viewer.locator(".nw-card a").first().waitFor();
        viewer.navigate(runUrl);
        viewer.locator("[data-testid=run-status][data-status=SUCCEEDED]").waitFor();
        assertThat(viewer.locator("[data-testid=run-cancel]")).isDisabled();
        viewer.navigate(designUrl);
        assertThat(viewer.locator("[data-testid=train]")).isDisabled();
        viewer.navigate(projectUrl + "/runs");
        assertThat(viewer.locator("[data-testid=runs-grid]")).containsText("SUCCEEDED");
        assertThat(viewer.locator("[data-testid=runs-train]")).isDisabled();
    }
}
