package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.RequestOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A version saved elsewhere (a script through the REST API) while the design is open in the designer: the "saved
 * version ... Load it" notice leaves the toolbar's buttons uncovered, the designer's next save, based on the older
 * version, is a stale save (reload theirs or save mine as a new design), and after "Save mine as a new design" the
 * toolbar shows the new design's name. (Versions saved by co-editors in the designer are no conflict: they come from
 * the working state everyone edits; see PlatformBrowserIT.)
 */
class CollaborationBrowserIT extends BrowserTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static void save(Page page, String message) {
        page.locator("[data-testid=save]").click();
        page.locator("[data-testid=save-message] input").fill(message);
        page.locator("[data-testid=save-confirm]").click();
    }

    private static boolean overlaps(BoundingBox a, BoundingBox b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }

    @Test
    void theSavedNoticeCoversNoButtonAndACopyShowsItsOwnName() {
        page = newPage(1280, 800, 15_000);
        String name = Accounts.signUp(page, base(), "pair");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog("Pairing");
        page.locator("[data-testid=create-project]").click();
        nameDialog("Shared work");
        page.locator("[data-testid=new-empty-design]").click();
        nameDialog("Shared");
        page.waitForURL("**/designer/*");
        String designUrl = page.url();
        DesignerPage mine = new DesignerPage(page).awaitCanvas();

        // a script saves version 2 through the REST API (the same user, as an API client)
        String designId = designUrl.substring(designUrl.lastIndexOf('/') + 1);
        APIResponse current = page.request().get(base() + "/api/designs/" + designId);
        assertThat(current.status()).as(current.text()).isEqualTo(200);
        JsonNode content = JSON.readTree(current.text()).get("content");
        ObjectNode theirs = (ObjectNode) content.deepCopy();
        theirs.withArray("nodes").addObject().put("id", "input1").put("type", "Input")
                .<ObjectNode>set("params", JSON.createObjectNode().set("shape", JSON.createArrayNode().add(784)))
                .set("position", JSON.createObjectNode().put("x", 260).put("y", 60));
        APIResponse saved = page.request().post(base() + "/api/designs/" + designId + "/versions",
                RequestOptions.create().setHeader("X-XSRF-TOKEN", csrfToken(page))
                        .setHeader("Content-Type", "application/json").setData(JSON.writeValueAsString(Map.of(
                                "baseVersion", 1, "design", theirs, "message", "their input"))));
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);

        Locator notice = page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("saved version 2"));
        assertThat(notice).isVisible();
        BoundingBox box = notice.boundingBox();
        for (String id : new String[] {"save", "open-history", "train", "sweep", "undo", "redo", "auto-layout"}) {
            assertThat(overlaps(box, page.locator("[data-testid=" + id + "]").boundingBox()))
                    .as("the notice covers " + id).isFalse();
        }
        shot("saved-notice");

        mine.dragFromPalette("Dense", 260, 220, "dense1");
        save(page, "my dense");
        page.locator("[data-testid=save-as-new]").click();
        page.waitForURL(u -> u.contains("/designer/") && !u.equals(designUrl));
        assertThat(page.locator(".nw-design-name input")).hasValue("Shared (" + name + ")");
        assertThat(mine.node("dense1")).isVisible();
        shot("copy-named");
    }
}
