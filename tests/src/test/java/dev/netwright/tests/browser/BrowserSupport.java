package dev.netwright.frontend.designer.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts Playwright against the system Chromium (Debian's {@code chromium} package, installed by
 * scripts/install-test-prerequisites.sh). Playwright must not download its own browser: the registries it would
 * use are unreachable on build machines and behind many proxies.
 */
final class BrowserSupport {
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private BrowserSupport() {
    }

    static Path chromium() {
        String configured = System.getenv("NETWRIGHT_CHROMIUM");
        Path path = Paths.get(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(path), "browser tests need Chromium at " + path
                + " (run scripts/install-test-prerequisites.sh as root, or set NETWRIGHT_CHROMIUM)");
        return path;
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
