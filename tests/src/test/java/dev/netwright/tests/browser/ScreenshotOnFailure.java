package dev.netwright.frontend.designer.browser;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Saves a full-page screenshot under target/screenshots when a browser test fails (before the page closes). */
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
