package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;

/**
 * Two editors of one design (here one user in two browsers): the "saved version ... Load it" notice leaves the
 * toolbar's buttons uncovered, and after "Save mine as a new design" the toolbar shows the new design's name.
 */
class CollaborationBrowserIT extends BrowserTestBase {

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

        Page other = newPage(1280, 800, 15_000);
        Accounts.signIn(other, base(), name, Accounts.PASSWORD);
        other.locator("[data-testid=current-user]").waitFor();
        other.navigate(designUrl);
        DesignerPage theirs = new DesignerPage(other).awaitCanvas();
        theirs.dragFromPalette("Input", 260, 60, "input1");
        save(other, "their input");
        assertThat(other.locator("[data-testid=version-label]")).hasText("v2");

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
