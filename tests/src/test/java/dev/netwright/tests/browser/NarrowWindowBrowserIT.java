package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every page works from 1024x700 up: the designer's toolbar (Undo, Redo, Auto-layout, Learn, help, Save, History,
 * Train, Sweep) is on screen and usable, and no page is wider than the window.
 */
class NarrowWindowBrowserIT extends BrowserTestBase {
    private static final int WIDTH = 1024;
    private static final int HEIGHT = 700;

    private void onScreen(Locator control, String name) {
        assertThat(control).isVisible();
        BoundingBox box = control.boundingBox();
        assertThat(box).as(name).isNotNull();
        assertThat(box.x).as(name + " left edge").isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as(name + " right edge").isLessThanOrEqualTo(WIDTH);
        assertThat(box.y + box.height).as(name + " bottom edge").isLessThanOrEqualTo(HEIGHT);
    }

    private int overflow() {
        return ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue();
    }

    @Test
    void theDesignerToolbarAndEveryPageFitA1024By700Window() {
        page = newPage(WIDTH, HEIGHT, 15_000);
        Accounts.signUp(page, base(), "narrow");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog("Small screen");
        String workspaceUrl = page.url();
        page.locator("[data-testid=create-project]").click();
        nameDialog("Laptop");
        page.waitForURL("**/projects/*");
        String projectUrl = page.url();
        page.locator("[data-testid=new-empty-design]").click();
        nameDialog("Narrow MLP");
        page.waitForURL("**/designer/*");
        page.waitForSelector("[data-testid=canvas]");

        for (String id : List.of("undo", "redo", "auto-layout", "designer-learn", "help", "save", "open-history",
                "train", "sweep")) {
            onScreen(page.locator("[data-testid=" + id + "]"), id);
        }
        assertThat(overflow()).as("designer wider than the window").isLessThanOrEqualTo(0);
        onScreen(page.locator("[data-layer-type=Dense]"), "palette");
        shot("designer-1024");
        page.locator("[data-testid=help]").click();
        assertThat(page.getByText("Ctrl+Shift+Z or Ctrl+Y")).isVisible();
        page.keyboard().press("Escape");
        page.locator("[data-testid=auto-layout]").click();
        page.locator("[data-testid=designer-learn]").click();
        assertThat(page.locator("[data-testid=designer-learn-inspector]")).isVisible();
        page.keyboard().press("Escape");

        List<String> tooWide = new ArrayList<>();
        for (String url : List.of(base() + "/", workspaceUrl, workspaceUrl + "/members", projectUrl,
                projectUrl + "/datasets", projectUrl + "/runs", projectUrl + "/sweeps", base() + "/learn",
                base() + "/learn/playground", base() + "/learn/inspector", base() + "/learn/parameters",
                base() + "/learn/activations", base() + "/learn/gradients", base() + "/designer")) {
            page.navigate(url);
            page.waitForTimeout(600);
            if (overflow() > 0) {
                tooWide.add(url.substring(base().length()) + " (" + overflow() + " px)");
                shot("too-wide-" + tooWide.size());
            }
        }
        assertThat(tooWide).as("pages wider than 1024 px").isEmpty();
    }
}
