package dev.netwright.tests.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides, before the app starts, whether a browser test class can run. Without Chromium it is skipped with a message
 * saying how to install it, except on a CI machine (environment variable {@code CI} set), where a missing browser is a
 * broken set-up that must fail the build rather than leave it green with the browser tests quietly skipped.
 */
final class ChromiumRequired implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Path chromium = BrowserSupport.chromium();
        if (Files.isExecutable(chromium)) {
            return ConditionEvaluationResult.enabled("Chromium at " + chromium);
        }
        String missing = "browser tests need Chromium at " + chromium
                + " (run scripts/install-test-prerequisites.sh as root, or set NETWRIGHT_CHROMIUM)";
        if (BrowserSupport.onCi()) {
            throw new IllegalStateException(missing + "; CI is set, so this fails instead of skipping");
        }
        System.err.println("skipped: " + missing);
        return ConditionEvaluationResult.disabled(missing);
    }
}
