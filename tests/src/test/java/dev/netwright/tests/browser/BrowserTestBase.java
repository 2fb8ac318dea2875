package dev.netwright.tests.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.netwright.frontend.NetwrightApplication;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the browser tests: the whole app (NetwrightApplication, production-mode Vaadin bundle, embedded
 * PostgreSQL) on a random port, and one headless system Chromium per test class driven by Playwright. Without
 * Chromium the class is skipped, or fails on CI ({@link ChromiumRequired}), before the app starts.
 *
 * <p>Each test opens its pages with {@link #newPage}: every page is a fresh browser context (own cookies, so its own
 * signed-in user), closed after the test. The page assigned to {@link #page} is the one photographed when the test
 * fails (see {@link ScreenshotOnFailure}). Every subclass has exactly this Spring configuration, so one app (and one
 * database) serves all browser tests of a JVM.
 */
@SpringBootTest(classes = NetwrightApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vaadin.productionMode=true",
            // one embedded PostgreSQL per test JVM, wiped at start, under target/ so that `mvn clean` removes it
            "netwright.data-dir=target/browser-it-data", "netwright.db.clean=true", "netwright.db.durable=false",
            "logging.level.io.zonky=WARN"})
@ExtendWith({ChromiumRequired.class, ScreenshotOnFailure.class})
abstract class BrowserTestBase implements ScreenshotOnFailure.HasPage {
    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    private int port;
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

    /** The app's address, e.g. {@code http://localhost:40123}. */
    protected String base() {
        return "http://localhost:" + port;
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
     * The CSRF token of a page's signed-in session, as the app's own scripts would read it from the
     * {@code XSRF-TOKEN} cookie (any {@code /api} answer to a session sets it): REST calls that change something
     * from the browser's session send it as the {@code X-XSRF-TOKEN} header.
     */
    protected String csrfToken(Page p) {
        p.request().get(base() + "/api/auth/me");
        return p.context().cookies().stream().filter(c -> c.name.equals("XSRF-TOKEN")).map(c -> c.value)
                .findFirst().orElseThrow(() -> new AssertionError("the session has no XSRF-TOKEN cookie"));
    }

    /** The REST API with this page's signed-in session, for a test's set-up. */
    protected SessionApi api(Page p) {
        return new SessionApi(p, base(), this::csrfToken);
    }

    /** The same for a request context of its own (signed in through the REST API). */
    protected static String csrfToken(com.microsoft.playwright.APIRequestContext api) {
        for (tools.jackson.databind.JsonNode c : tools.jackson.databind.json.JsonMapper.shared()
                .readTree(api.storageState()).path("cookies")) {
            if (c.path("name").asString().equals("XSRF-TOKEN")) {
                return c.path("value").asString();
            }
        }
        throw new AssertionError("the session has no XSRF-TOKEN cookie");
    }

    /** The launch dialog's (or any form's) input for the setting {@code name}, e.g. {@code epochs}. */
    protected Locator field(String name) {
        return page.locator("[data-field='" + name + "'] input");
    }

    /** Types {@code name} into the open name dialog, confirms, and waits for the dialog to close. */
    protected void nameDialog(String name) {
        page.locator("[data-testid=name-field] input").fill(name);
        page.locator("[data-testid=confirm]").click();
        page.locator("[data-testid=name-field]").waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.DETACHED));
    }

    /** Keeps a full-page picture under target/screenshots, named after the test class, to see pages as users do. */
    protected void shot(String name) {
        page.waitForTimeout(300);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots",
                getClass().getSimpleName() + "-" + name + ".png")).setFullPage(true));
    }
}
