package dev.netwright.tests.browser;

import com.microsoft.playwright.Page;
import java.util.concurrent.atomic.AtomicInteger;

/** Signs up and signs in through the UI's own forms; names are unique per run since tests share one database. */
final class Accounts {
    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Accounts() {
    }

    static String unique(String prefix) {
        return prefix + COUNTER.incrementAndGet() + "x" + (System.nanoTime() % 100_000);
    }

    /** Creates an account with the sign-up form and waits until the start page shows it signed in. */
    static String signUp(Page page, String baseUrl, String prefix) {
        String name = unique(prefix);
        page.navigate(baseUrl + "/signup");
        page.locator("[data-testid=signup-username] input").fill(name);
        page.locator("[data-testid=signup-email] input").fill(name + "@example.org");
        page.locator("[data-testid=signup-password] input").fill(PASSWORD);
        page.locator("[data-testid=create-account]").click();
        page.locator("[data-testid=current-user]").waitFor();
        return name;
    }

    static void signIn(Page page, String baseUrl, String name, String password) {
        page.navigate(baseUrl + "/login");
        page.locator("[data-testid=login-name] input").fill(name);
        page.locator("[data-testid=login-password] input").fill(password);
        page.locator("[data-testid=sign-in]").click();
    }
}
