package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.security.AccountService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceService;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sweep pages in a real browser: launch a sweep from the dialog (a training option and a layer parameter),
 * watch its trials arrive in the table and the charts while the in-process worker trains them, promote the best.
 */
class SweepBrowserIT extends BrowserTestBase {
    private static final String MLP = """
            {"format": "netwright-design/1", "name": "moons mlp", "nodes": [
              {"id": "in", "type": "Input", "params": {"shape": [2]}},
              {"id": "hidden", "type": "Dense", "params": {"units": 16, "activation": "relu"}},
              {"id": "out", "type": "Dense", "params": {"units": 2, "activation": "softmax"}}],
             "edges": [{"from": "in", "to": "hidden"}, {"from": "hidden", "to": "out"}]}""";

    @Autowired
    AccountService accounts;
    @Autowired
    WorkspaceService workspaces;
    @Autowired
    ProjectService projects;
    @Autowired
    DesignService designs;
    @Autowired
    dev.netwright.backend.sweep.SweepService sweeps;
    @Autowired
    dev.netwright.backend.run.RunService runs;

    @Test
    void launchWatchAndPromoteASweep() {
        String name = Accounts.unique("sweeper");
        AppUser user = accounts.signUp(name, name + "@example.org", name, Accounts.PASSWORD);
        UUID ws = workspaces.create(user, "Sweeps").id();
        UUID project = projects.create(user, ws, "Moons", "").id();
        designs.create(user, project, "moons mlp", new DesignService.Source.Imported(MLP), "first");

        page = newPage(1400, 1000, 20_000);
        String base = base();
        Accounts.signIn(page, base, name, Accounts.PASSWORD);
        page.locator("[data-testid=current-user]").waitFor();
        page.navigate(base + "/projects/" + project);
        page.locator("[data-testid=sweeps-tab]").click();
        assertThat(page.locator("[data-testid=empty-state]")).containsText("No sweeps yet");

        page.locator("[data-testid=new-sweep]").click();
        pick("sweep-design", "moons mlp");
        pick("sweep-dataset", "Two moons");
        // the server's memory check of each trial, before launching
        assertThat(page.locator("[data-testid=sweep-memory]")).containsText("training needs about");
        assertThat(page.locator("[data-testid=sweep-memory]")).containsText("the largest worker has");
        page.locator("[data-testid=sweep-limit] input").fill("300");
        page.locator("[data-testid=sweep-epochs] input").fill("2");
        page.locator("[data-testid=sweep-max-trials] input").fill("3");
        Locator rows = page.locator("[data-testid=launch-sweep-dialog] vaadin-horizontal-layout:has([data-testid=range-name])");
        range(rows.nth(0), "learningRate", "log-uniform", "0.003, 0.1");
        page.locator("[data-testid=add-range]").click();
        range(rows.nth(1), "hidden.units", "categorical", "4, 16");
        page.locator("[data-testid=launch-sweep]").click();
        page.waitForURL("**/sweeps/*");

        assertThat(page.locator("[data-testid=sweep-state]")).containsText("completed", new com.microsoft.playwright
                .assertions.LocatorAssertions.ContainsTextOptions().setTimeout(300_000));
        assertThat(page.locator("[data-testid=trials] vaadin-grid-cell-content")).not().hasCount(0);
        for (int i = 0; i < 3; i++) {
            assertThat(page.locator("[data-testid=stop-trial-" + i + "]")).isDisabled();
        }
        assertThat(page.locator("[data-testid=parallel-chart]")).hasAttribute("data-points", "3");
        assertThat(page.locator("[data-testid=best-chart]")).hasAttribute("data-points", "6");
        page.waitForTimeout(300);
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target", "screenshots",
                "sweep-page.png")).setFullPage(true));

        page.locator("[data-testid=promote-best]").click();
        assertThat(page.locator("[data-testid=promoted-dialog]")).containsText("Saved as version 2");
        // the trial's choices and settings in words, not one line of JSON
        assertThat(page.locator("[data-testid=promoted-parameters] li").first()).containsText(" = ");
        assertThat(page.locator("[data-testid=promoted-settings]")).not().containsText("{");
    }

    /**
     * A range set on a layer parameter in the designer's property panel: refused while it does not suit the
     * parameter, marked on the panel and the canvas node, still there after selecting another layer, and the sweep
     * launch dialog opened from the designer's Sweep… button starts with it.
     */
    @Test
    void rangesSetOnThePropertyPanelPrefillTheSweep() {
        String name = Accounts.unique("panel");
        AppUser user = accounts.signUp(name, name + "@example.org", name, Accounts.PASSWORD);
        UUID ws = workspaces.create(user, "Panel sweeps").id();
        UUID project = projects.create(user, ws, "Clothes", "").id();
        UUID design = designs.create(user, project, "clothes mlp",
                new DesignService.Source.FromTemplate("mlp-fashion-mnist"), "from the template").designId();

        page = newPage(1400, 1000, 20_000);
        String base = base();
        Accounts.signIn(page, base, name, Accounts.PASSWORD);
        page.locator("[data-testid=current-user]").waitFor();
        page.navigate(base + "/designer/" + design);
        DesignerPage designer = new DesignerPage(page).awaitCanvas();
        designer.node("hidden1").waitFor();
        designer.select("hidden1");

        page.locator("[data-testid=sweep-range-units]").click();
        Locator values = page.locator("[data-testid=sweep-range-values]");
        assertThat(page.locator("[data-testid=sweep-range-kind]")).containsText("categorical");
        values.locator("input").fill("0, 64");
        page.locator("[data-testid=sweep-range-save]").click();
        assertThat(values).hasAttribute("invalid", "");
        assertThat(values).containsText("'hidden1.units' value 0: must be an integer");
        values.locator("input").fill("64, 128, 256");
        page.locator("[data-testid=sweep-range-save]").click();
        assertThat(page.locator("[data-testid=sweep-range-dialog]")).hasCount(0);

        Locator mark = page.locator("[data-testid=property-panel] [data-testid=sweep-mark-units]");
        assertThat(mark).hasText("units: sweep 64|128|256");
        assertThat(designer.node("hidden1")).containsText("sweep units 64|128|256");
        // a second range, then removed again: it must leave the panel, the canvas and the sweep
        designer.select("dropout");
        Locator rateMark = page.locator("[data-testid=property-panel] [data-testid=sweep-mark-rate]");
        assertThat(rateMark).isHidden();
        page.locator("[data-testid=sweep-range-rate]").click();
        assertThat(page.locator("[data-testid=sweep-range-kind]")).containsText("uniform");
        values.locator("input").fill("0.1, 0.5");
        page.locator("[data-testid=sweep-range-save]").click();
        assertThat(rateMark).hasText("rate: sweep 0.1..0.5");
        assertThat(designer.node("dropout")).containsText("sweep rate 0.1..0.5");
        page.locator("[data-testid=sweep-range-rate]").click();
        assertThat(values.locator("input")).hasValue("0.1, 0.5");
        page.locator("[data-testid=sweep-range-remove]").click();
        assertThat(rateMark).isHidden();
        assertThat(designer.node("dropout")).not().containsText("sweep");
        designer.select("hidden1");
        assertThat(mark).hasText("units: sweep 64|128|256");
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target", "screenshots",
                "designer-sweep-range.png")));

        page.locator("[data-testid=sweep]").click();
        Locator dialog = page.locator("[data-testid=launch-sweep-dialog]");
        Locator rows = page.locator("[data-testid=launch-sweep-dialog] vaadin-horizontal-layout:has([data-testid=range-name])");
        assertThat(rows).hasCount(1);
        assertThat(rows.nth(0).locator("[data-testid=range-name]")).containsText("hidden1.units");
        assertThat(rows.nth(0).locator("[data-testid=range-kind]")).containsText("categorical");
        assertThat(rows.nth(0).locator("[data-testid=range-values] input")).hasValue("64, 128, 256");
        assertThat(page.locator("[data-testid=sweep-design]")).containsText("clothes mlp");
        pick("sweep-dataset", "Fashion-MNIST");
        page.locator("[data-testid=sweep-limit] input").fill("300");
        page.locator("[data-testid=sweep-epochs] input").fill("1");
        page.locator("[data-testid=sweep-max-trials] input").fill("2");
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target", "screenshots",
                "sweep-dialog-prefilled.png")));
        page.locator("[data-testid=launch-sweep]").click();
        page.waitForURL("**/sweeps/*");
        page.locator("[data-testid=stop-sweep]").click();
        assertThat(page.locator("[data-testid=sweep-state]")).containsText("stop");
        assertThat(page.locator("h2")).containsText("clothes mlp");

        UUID sweepId = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));
        var launched = sweeps.get(user, sweepId);
        org.assertj.core.api.Assertions.assertThat(launched.parameters().toString()).isEqualTo("{\"hidden1.units\":{\"choice\":[64,128,256]}}");
        for (var trial : launched.trials()) {
            var run = runs.get(user, trial.runId());
            org.assertj.core.api.Assertions.assertThat(run.sweepId()).isEqualTo(sweepId);
            org.assertj.core.api.Assertions.assertThat(run.trialNumber()).isEqualTo(trial.number());
        }
    }

    /** Opens a Vaadin select by its test id and picks the item with this text. */
    private void pick(String testId, String item) {
        page.locator("[data-testid=" + testId + "]").click();
        page.locator("vaadin-select-item:visible").filter(new Locator.FilterOptions().setHasText(item)).first().click();
    }

    private void range(Locator row, String name, String kind, String values) {
        row.locator("[data-testid=range-name]").click();
        page.locator("vaadin-select-item:visible").filter(new Locator.FilterOptions().setHasText(name)).first().click();
        row.locator("[data-testid=range-kind]").click();
        page.locator("vaadin-select-item:visible").filter(new Locator.FilterOptions().setHasText(kind)).first().click();
        row.locator("[data-testid=range-values] input").fill(values);
    }
}
