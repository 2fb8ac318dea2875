package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The run page and the launch dialog against the real app, PostgreSQL and DJL: a GAN run's losses and generated
 * samples arrive live (with an epoch picker for earlier epochs), a CSV uploaded from the launch dialog trains, a run
 * is cancelled from the page, and unsaved canvas edits are either left out (the saved version trains) or saved first.
 */
class RunPageBrowserIT extends BrowserTestBase {
    private static final double LONG = 300_000;

    @Test
    void ganRunShowsLossesAndSamplePicturesLiveWithAnEpochPicker() {
        newProject("gan");
        fromTemplate("mlp-gan-2d");
        page.locator("[data-testid=train]").click();
        chooseBuiltin("Gaussian mixture");
        // 14 epochs of 5,000 points in batches of 16: epochs of about a second, several 250 ms batch reports inside
        // each, so batch progress shows between epoch ends (with epochs of 0.1 s each epoch end replaced it at once
        // and the check below was a race); the first picture comes after the first epoch, so the run is still
        // going when the page shows it and when it reloads
        field("dataset.limit").fill("5000");
        field("batchSize").fill("16");
        field("epochs").fill("14");
        field("epochs").press("Tab");
        page.locator("[data-testid=launch-queue]").click();
        page.waitForURL("**/runs/*");

        Locator picture = page.locator("[data-testid=samples-image]");
        picture.waitFor(new Locator.WaitForOptions().setTimeout(LONG));
        String statusAtFirstPicture = page.locator("[data-testid=run-status]").textContent();
        awaitLoaded();
        assertThat(statusAtFirstPicture).as("the picture arrived while the run was going").isEqualTo("RUNNING");
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=chart-gan-loss]');"
                + " return c && Number(c.getAttribute('data-points')) > 0; }");
        // batch progress while it runs, as for supervised runs
        assertThat(page.locator("[data-testid=run-progress-text]"))
                .containsText(Pattern.compile("batch \\d+ of \\d+"));
        picture.scrollIntoViewIfNeeded();
        shot("gan-live");

        // a reload mid-run shows the pictures so far and goes on live
        page.reload();
        picture.waitFor(new Locator.WaitForOptions().setTimeout(LONG));
        awaitLoaded();

        page.locator("[data-testid=run-status][data-status=SUCCEEDED]").waitFor(
                new Locator.WaitForOptions().setTimeout(LONG));
        // discriminator and generator loss for each of the 14 epochs, and per batch as they come (at least each
        // epoch's last batch, both losses); a GAN has no learning-rate or throughput chart to leave empty
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=chart-gan-loss]');"
                + " return c && Number(c.getAttribute('data-points')) >= 28 + 28; }");
        assertThat(page.locator("[data-testid=chart-lr]")).hasCount(0);
        assertThat(page.locator("[data-testid=chart-throughput]")).hasCount(0);
        assertThat(picture).hasAttribute("data-epoch", "14");
        awaitLoaded();

        // an earlier epoch from the picker
        page.locator("[data-testid=samples-epoch]").click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^\\s*epoch 1\\s*$"))).click();
        assertThat(picture).hasAttribute("data-epoch", "1");
        assertThat(picture).hasAttribute("alt", "Generated samples after epoch 1");
        awaitLoaded();
        picture.scrollIntoViewIfNeeded();
        shot("gan-epoch-1");
    }

    @Test
    void csvUploadedFromTheLaunchDialogTrains() throws IOException {
        newProject("upload");
        Path designFile = Files.createTempFile("two-features", ".json");
        Files.writeString(designFile, new DesignJson().write(DesignBuilder.named("Two features")
                .node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 8, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build()));
        page.locator("[data-testid=import-design] input[type=file]").setInputFiles(designFile);
        page.waitForURL("**/designer/*");
        new DesignerPage(page).awaitCanvas();

        page.locator("[data-testid=train]").click();
        page.locator("[data-testid=launch-upload] input[type=file]").setInputFiles(csv());
        // the uploaded table becomes the chosen dataset, its last column the one to predict
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=launch-dataset]');"
                + " return c && c.inputElement && c.inputElement.value.startsWith('Uploaded · points'); }");
        assertThat(page.locator("[data-field='dataset.targetColumn'] input")).hasValue("side");
        field("epochs").fill("3");
        field("epochs").press("Tab");
        shot("upload-dialog");
        page.locator("[data-testid=launch-queue]").click();
        page.waitForURL("**/runs/*");
        assertThat(page.locator("body")).containsText("→ side");
        page.locator("[data-testid=run-status][data-status=SUCCEEDED]").waitFor(
                new Locator.WaitForOptions().setTimeout(LONG));
        assertThat(page.locator("[data-testid=test-metrics]")).containsText("Accuracy");
    }

    @Test
    void cancelFromTheRunPage() {
        String projectUrl = newProject("cancel");
        fromTemplate("mlp-gan-2d");
        page.locator("[data-testid=train]").click();
        chooseBuiltin("Gaussian mixture");
        field("epochs").fill("1000"); // the platform cap, far longer than the test waits
        field("epochs").press("Tab");
        page.locator("[data-testid=launch-queue]").click();
        page.waitForURL("**/runs/*");
        page.locator("[data-testid=run-status][data-status=RUNNING]").waitFor(
                new Locator.WaitForOptions().setTimeout(LONG));
        page.locator("[data-testid=run-cancel]").click();
        page.locator("[data-testid=run-status][data-status=CANCELLED]").waitFor(
                new Locator.WaitForOptions().setTimeout(120_000));
        assertThat(page.locator("[data-testid=run-cancel]")).isDisabled();
        assertThat(page.locator("[data-testid=run-log]")).containsText("cancelled");
        shot("cancelled");

        page.navigate(projectUrl + "/runs");
        assertThat(page.locator("[data-testid=runs-grid]")).containsText("CANCELLED");
    }

    @Test
    void unsavedEditsAreNamedAndCanBeSavedBeforeTraining() {
        // a design that was never saved has no version to train
        page = newUserPage();
        Accounts.signUp(page, base(), "scratch");
        page.navigate(base() + "/designer");
        page.locator("[data-testid=train]").click();
        assertThat(page.locator("[data-testid=train-needs-save]")).containsText("never been saved");
        page.keyboard().press("Escape");

        newProject("unsaved");
        fromTemplate("mlp-gan-2d");
        // nothing edited yet: no warning
        page.locator("[data-testid=train]").click();
        assertThat(page.locator("[data-testid=launch-queue]")).containsText("Queue run");
        assertThat(page.locator("[data-testid=launch-unsaved]")).isHidden();
        page.keyboard().press("Escape");
        page.locator("[data-testid=launch-queue]").waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.DETACHED));

        DesignerPage designer = new DesignerPage(page);
        designer.select("g1");
        designer.setParam("units", "32");
        assertThat(page.locator("[data-testid=version-label]")).containsText("unsaved changes");
        page.locator("[data-testid=train]").click();
        Locator notice = page.locator("[data-testid=launch-unsaved]");
        assertThat(notice).isVisible();
        assertThat(notice).containsText("unsaved edits");
        assertThat(notice).containsText("trains version 1, not what you see on the canvas");
        assertThat(page.locator("[data-testid=launch-queue]")).containsText("Train saved v1");
        chooseBuiltin("Gaussian mixture");
        field("dataset.limit").fill("500");
        field("epochs").fill("2");
        field("epochs").press("Tab");
        page.locator("[data-testid=launch-save-message] input").fill("wider generator");
        shot("unsaved-notice");
        page.locator("[data-testid=launch-save-and-train]").click();
        page.waitForURL("**/runs/*");
        // the run trains the version the save created
        assertThat(page.locator("body")).containsText("MLP GAN (2-D) v2");
        page.locator("[data-testid=run-status][data-status=SUCCEEDED]").waitFor(
                new Locator.WaitForOptions().setTimeout(LONG));
        page.goBack();
        Locator version = page.locator("[data-testid=version-label]");
        assertThat(version).containsText("v2");
        assertThat(version).not().containsText("unsaved");
    }

    // ---- helpers ----

    private Page newUserPage() {
        return newPage(1400, 900, 20_000);
    }

    /** A fresh account with a workspace and a project; answers the project's address. */
    private String newProject(String prefix) {
        if (page == null) {
            page = newUserPage();
            Accounts.signUp(page, base(), prefix);
        }
        page.navigate(base() + "/");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog("Team " + prefix);
        page.locator("[data-testid=create-project]").click();
        nameDialog("Project " + prefix);
        page.waitForURL("**/projects/*");
        return page.url();
    }

    private void fromTemplate(String id) {
        page.locator("[data-testid=new-from-template]").click();
        page.locator("[data-template=" + id + "]").click();
        page.waitForURL("**/designer/*");
        new DesignerPage(page).awaitCanvas();
    }

    private void chooseBuiltin(String title) {
        page.locator("[data-testid=launch-dataset] input").fill(title);
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText(title)).first().click();
    }


    /** The samples picture has loaded (a real PNG the browser could decode). */
    private void awaitLoaded() {
        page.waitForFunction("() => { const i = document.querySelector('[data-testid=samples-image]');"
                + " return i && i.complete && i.naturalWidth > 0; }", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
    }

    /** Points on either side of the diagonal, labelled by side: easy enough to learn in three epochs. */
    private static Path csv() throws IOException {
        Random random = new Random(7);
        StringBuilder s = new StringBuilder("x,y,side\n");
        for (int i = 0; i < 300; i++) {
            double x = random.nextDouble() * 2 - 1;
            double y = random.nextDouble() * 2 - 1;
            s.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", x, y, x > y ? "below" : "above"));
        }
        Path dir = Files.createTempDirectory("upload");
        Path file = dir.resolve("points.csv");
        Files.writeString(file, s, StandardCharsets.UTF_8);
        return file;
    }
}
