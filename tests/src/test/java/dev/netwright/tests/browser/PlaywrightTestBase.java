package dev.netwright.tests.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser half of the browser tests, without an app: one headless system Chromium per test class driven by
 * Playwright, skipped (or failed on CI, {@link ChromiumRequired}) without Chromium. {@link BrowserTestBase} adds the
 * app in the test JVM; tests that start app instances as processes of their own extend this directly.
 *
 * <p>Each test opens its pages with {@link #newPage}: every page is a fresh browser context (own cookies, so its own
 * signed-in user), closed after the test. The page assigned to {@link #page} is the one photographed when the test
 * fails (see {@link ScreenshotOnFailure}).
 */
@ExtendWith({ChromiumRequired.class, ScreenshotOnFailure.class})
abstract class PlaywrightTestBase implements ScreenshotOnFailure.HasPage {
    private static Playwright playwright;
    private static Browser browser;

    private final List<BrowserContext> contexts = new ArrayList<>();
    /** The page a failure screenshot shows; tests set it to their main user's page. */
    protected Page page;

    @BeforeAll
    static void startBrowser() {
        playwright = BrowserSupport.playwright();
        browser = BrowserSupport.launch(playwright, BrowserSupport.chromium());
    }

    @AfterAll
    static void stopBrowser() {
        if (playwright != null) {
            playwright.close(); // closes the browser too
        }
        playwright = null;
        browser = null;
    }

    @AfterEach
    void closePages() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
        page = null;
    }

    @Override
    public Page page() {
        return page;
    }

    /** The Playwright of this test class, e.g. for a request context outside any page. */
    protected static Playwright playwright() {
        return playwright;
    }

    /** A page in a fresh browser context with this viewport and default timeout, closed after the test. */
    protected Page newPage(int width, int height, double timeoutMillis) {
        return newPage(new Browser.NewContextOptions().setViewportSize(width, height), timeoutMillis);
    }

    /** A page in a fresh browser context with these options and default timeout, closed after the test. */
    protected Page newPage(Browser.NewContextOptions options, double timeoutMillis) {
        BrowserContext context = browser.newContext(options);
        contexts.add(context);
        context.setDefaultTimeout(timeoutMillis);
        return context.newPage();
    }

    /**
     * The CSRF token of a page's session with the app at {@code base}, as the app's own scripts would read it from
     * the {@code XSRF-TOKEN} cookie (any {@code /api} answer to a session sets it): REST calls that change something
     * from the browser's session send it as the {@code X-XSRF-TOKEN} header.
     */
    static String csrfToken(Page p, String base) {
        p.request().get(base + "/api/auth/me");
        return p.context().cookies().stream().filter(c -> c.name.equals("XSRF-TOKEN")).map(c -> c.value)
                .findFirst().orElseThrow(() -> new AssertionError("the session has no XSRF-TOKEN cookie"));
    }

    /** Keeps a full-page picture under target/screenshots, named after the test class, to see pages as users do. */
    protected void shot(String name) {
        page.waitForTimeout(300);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots",
                getClass().getSimpleName() + "-" + name + ".png")).setFullPage(true));
    }
}
