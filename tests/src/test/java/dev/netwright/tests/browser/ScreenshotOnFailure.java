package dev.netwright.tests.browser;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Saves a full-page screenshot when a browser test fails (before the page closes), as
 * {@code target/screenshots/<TestClass>-<testMethod>.png} of the module the tests run in: {@code tests/target/screenshots}
 * under Maven.
 */
final class ScreenshotOnFailure implements AfterTestExecutionCallback {

    /** Implemented by tests that have a page to photograph. */
    interface HasPage {
        Page page();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty() || !(context.getRequiredTestInstance() instanceof HasPage t)
                || t.page() == null) {
            return;
        }
        Path file = Paths.get("target", "screenshots",
                context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                        + ".png");
        try {
            t.page().screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
            System.err.println("screenshot of the failure: " + file.toAbsolutePath());
        } catch (RuntimeException e) {
            System.err.println("could not save a screenshot: " + e.getMessage());
        }
    }
}
