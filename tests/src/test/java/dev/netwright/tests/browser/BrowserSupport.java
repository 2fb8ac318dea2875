package dev.netwright.tests.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts Playwright against the system Chromium (Debian's {@code chromium} package, installed by
 * scripts/install-test-prerequisites.sh). Playwright must not download its own browser: the registries it would
 * use are unreachable on build machines and behind many proxies. Without Chromium the browser tests fail when the
 * environment variable {@code CI} is set, and are skipped with a message saying how to install it otherwise
 * ({@link ChromiumRequired}).
 */
final class BrowserSupport {
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private BrowserSupport() {
    }

    /** The Chromium the tests drive: {@code NETWRIGHT_CHROMIUM}, else Debian's {@code /usr/bin/chromium}. */
    static Path chromium() {
        String configured = System.getenv("NETWRIGHT_CHROMIUM");
        return Paths.get(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
    }

    /**
     * Whether a missing Chromium is a failure rather than a skip: on CI servers (they set {@code CI}; {@code false}
     * or empty means not on CI) and under {@code ./netwright test}, which installs Chromium first and sets
     * {@code NETWRIGHT_REQUIRE_BROWSER}.
     */
    static boolean onCi() {
        return flagSet("CI") || flagSet("NETWRIGHT_REQUIRE_BROWSER");
    }

    private static boolean flagSet(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false");
    }

    static Playwright playwright() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        return Playwright.create(new Playwright.CreateOptions().setEnv(env));
    }

    static Browser launch(Playwright playwright, Path chromium) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(FLAGS));
    }
}
