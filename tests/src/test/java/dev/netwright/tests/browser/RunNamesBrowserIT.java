package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 item 9: runs get names and tags the user edits in the runs list and on the run page; the runs list and
 * the designs page's trained models show them, filter by tag and sort by test accuracy; trained models are told
 * apart by name and show their accuracy and the dataset in words, never raw JSON. Two real runs of the app's worker
 * (two moons, one that barely trains and one that does) are made through the REST API with the browser's session.
 */
class RunNamesBrowserIT extends BrowserTestBase {
    private String trainAndWait(String project, String design, int epochs, double learningRate) {
        return api(page).trainToSuccess(project, design, Map.of("builtin", "moons", "limit", 200),
                Map.of("epochs", epochs, "batchSize", 16, "learningRate", learningRate), Duration.ofMinutes(3));
    }

    /** The texts of a grid's rows in the order shown (cells joined by " | "). */
    @SuppressWarnings("unchecked")
    private List<String> rows(String testId) {
        page.waitForFunction("id => { const g = document.querySelector(`[data-testid=${id}]`);"
                + " return g && !g.loading; }", testId);
        return (List<String>) page.locator("[data-testid=" + testId + "]").evaluate("""
                g => [...g.shadowRoot.querySelectorAll('#items tr')]
                  .filter(tr => !tr.hidden && tr.index !== undefined && tr.index < g.size)
                  .sort((a, b) => a.index - b.index)
                  .map(tr => [...tr.querySelectorAll('slot')]
                    .map(s => s.assignedElements().map(e => e.textContent.trim()).join(''))
                    .filter(t => t).join(' | '))""");
    }

    /**
     * The grid's rows once its first row holds {@code text}, or as they are after the page timeout: a new sort order
     * reaches the grid a moment after the choice is made, and reading the rows at once could see the old order.
     */
    private List<String> rowsOnceFirstHolds(String testId, String text) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> found = rows(testId);
        while ((found.isEmpty() || !found.getFirst().contains(text)) && System.nanoTime() < deadline) {
            page.waitForTimeout(100);
            found = rows(testId);
        }
        return found;
    }

    private void pick(String testId, String option) {
        page.locator("[data-testid=" + testId + "] input").fill(option);
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText(option)).first().click();
    }

    private void sort(String scope, String option) {
        page.locator(scope + " [data-testid=runs-sort] input").fill(option);
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText(option)).first().click();
    }

    @Test
    void runsAreRenamedTaggedFilteredAndSortedAndModelsAreToldApart() {
        page = newPage(1400, 900, 20_000);
        Accounts.signUp(page, base(), "names");
        String project = api(page).newProject("Moons");
        String design = api(page).newDesign(project, dev.netwright.designer.template.DesignBuilder.named("moons")
                .node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 16, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build());
        String slow = trainAndWait(project, design, 1, 0.00001);
        String good = trainAndWait(project, design, 8, 0.05);

        // the designs page: one row per model, told apart by name, with accuracy and the dataset in words
        page.navigate(base() + "/projects/" + project);
        Locator models = page.locator("[data-testid=trained-models]");
        models.waitFor(); // the page's own timeout (20 s): assertions wait only 5 s, too short on a loaded machine
        assertThat(models).containsText("Try moons v1 · run 1");
        assertThat(models).containsText("Try moons v1 · run 2");
        assertThat(models).containsText("test accuracy");
        assertThat(models).containsText("Two moons · 200 rows");
        assertThat(models).not().containsText("{");

        // rename and tag the first run from the runs list; a bad tag is refused on its field, nothing is stored
        page.navigate(base() + "/projects/" + project + "/runs");
        Locator grid = page.locator("[data-testid=runs-grid]");
        grid.waitFor();
        assertThat(grid).containsText("moons v1 · run 1");
        // the text box narrows the list to the run, its row is selected, then renamed from the toolbar
        page.locator("[data-testid=runs-filter] input").fill("run 1");
        page.waitForFunction("() => document.querySelector('[data-testid=runs-grid]').size === 1");
        assertThat(page.locator("[data-testid=runs-edit]")).isDisabled();
        page.locator("[data-testid=runs-grid] vaadin-checkbox:visible").nth(1).click();
        page.locator("[data-testid=runs-edit]").click();
        page.locator("[data-testid=run-name-field] input").fill("Slow baseline");
        page.locator("[data-testid=run-tags-field] input").fill("baseline, two words");
        page.locator("[data-testid=run-labels-save]").click();
        Locator tagsField = page.locator("[data-testid=run-tags-field]");
        assertThat(tagsField).hasAttribute("invalid", "");
        assertThat(tagsField).containsText("'tags[1]' ('two words') may hold only letters, digits and . _ -");
        page.locator("[data-testid=run-tags-field] input").fill("baseline, tiny-lr");
        page.locator("[data-testid=run-labels-save]").click();
        assertThat(page.locator("[data-testid=run-labels-dialog]")).hasCount(0);
        assertThat(grid).containsText("Slow baseline");
        assertThat(grid).containsText("tiny-lr");
        assertThat(grid).not().containsText("moons v1 · run 1");
        assertThat(grid).containsText("moons v1 · run 2");

        // rename and tag the other one on its run page
        page.navigate(base() + "/runs/" + good);
        page.locator("[data-testid=run-edit-labels]").click();
        page.locator("[data-testid=run-name-field] input").fill("Tuned lr 0.05");
        page.locator("[data-testid=run-tags-field] input").fill("Candidate");
        page.locator("[data-testid=run-labels-save]").click();
        assertThat(page.locator("[data-testid=run-name]")).hasText("Tuned lr 0.05");
        assertThat(page.locator("[data-testid=run-tags]")).hasText("candidate");
        assertThat(page.locator("[data-testid=run-dataset]")).hasText("on Two moons · 200 rows");
        page.reload();
        page.locator("[data-testid=run-name]").waitFor();
        assertThat(page.locator("[data-testid=run-name]")).hasText("Tuned lr 0.05");

        // the runs list: filter by tag, then sort by test accuracy (the tuned run first, whatever the list order)
        page.navigate(base() + "/projects/" + project + "/runs");
        grid.waitFor();
        pick("runs-tag-filter", "baseline");
        page.waitForFunction("() => document.querySelector('[data-testid=runs-grid]').size === 1");
        assertThat(grid).containsText("Slow baseline");
        assertThat(grid).not().containsText("Tuned lr 0.05");
        page.locator("[data-testid=runs-tag-filter] [part~=clear-button]").click();
        page.keyboard().press("Escape");
        page.waitForFunction("() => document.querySelector('[data-testid=runs-grid]').size === 2");
        sort("", "name");
        assertThat(rowsOnceFirstHolds("runs-grid", "Slow baseline").getFirst()).contains("Slow baseline");
        sort("", "best test accuracy");
        page.waitForFunction("() => document.querySelector('[data-testid=runs-grid]').size === 2");
        List<String> byAccuracy = rowsOnceFirstHolds("runs-grid", "Tuned lr 0.05");
        assertThat(byAccuracy.getFirst()).as(String.join("\n", byAccuracy)).contains("Tuned lr 0.05");
        assertThat(byAccuracy.get(1)).contains("Slow baseline");
        shot("runs-sorted");

        // the trained models show the new names and tags, and sort and filter the same way
        page.navigate(base() + "/projects/" + project);
        models.waitFor();
        assertThat(models).containsText("Try Slow baseline");
        assertThat(models).containsText("Try Tuned lr 0.05");
        assertThat(models).containsText("candidate");
        Locator filters = page.locator("[data-testid=models-filters]");
        assertThat(filters.locator("[data-testid=runs-status-filter]")).isHidden();
        sort("[data-testid=models-filters]", "best test accuracy");
        assertThat(rowsOnceFirstHolds("trained-models", "Try Tuned lr 0.05").getFirst()).contains("Try Tuned lr 0.05");
        filters.locator("[data-testid=runs-filter] input").fill("slow");
        page.waitForFunction("() => document.querySelector('[data-testid=trained-models]').size === 1");
        assertThat(rows("trained-models").getFirst()).contains("Try Slow baseline").contains("test accuracy");
        shot("models");
        assertThat(slow).isNotEqualTo(good);
    }
}
