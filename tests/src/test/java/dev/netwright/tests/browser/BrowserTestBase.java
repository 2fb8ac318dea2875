package dev.netwright.tests.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.netwright.frontend.NetwrightApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the browser tests against the whole app (NetwrightApplication, production-mode Vaadin bundle, embedded
 * PostgreSQL) on a random port in the test JVM, with the browser of {@link PlaywrightTestBase}. Without Chromium the
 * class is skipped, or fails on CI ({@link ChromiumRequired}), before the app starts. Every subclass has exactly this
 * Spring configuration, so one app (and one database) serves all browser tests of a JVM.
 */
@SpringBootTest(classes = NetwrightApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vaadin.productionMode=true",
            // one embedded PostgreSQL per test JVM, wiped at start, under target/ so that `mvn clean` removes it
            "netwright.data-dir=target/browser-it-data", "netwright.db.clean=true", "netwright.db.durable=false",
            "logging.level.io.zonky=WARN"})
abstract class BrowserTestBase extends PlaywrightTestBase {
    @LocalServerPort
    private int port;

    /** The app's address, e.g. {@code http://localhost:40123}. */
    protected String base() {
        return "http://localhost:" + port;
    }

    /** The CSRF token of a page's signed-in session with this app (see {@link #csrfToken(Page, String)}). */
    protected String csrfToken(Page p) {
        return csrfToken(p, base());
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
}
