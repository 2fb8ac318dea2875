package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The platform in a real browser against the app and its embedded PostgreSQL: accounts, workspaces, projects,
 * stored designs with versions, diff, two members saving while they edit together, and a viewer who cannot save.
 */
class PlatformBrowserIT extends BrowserTestBase {
    /** A separate browser profile: its own cookies, so its own signed-in user. */
    private Page newUserPage() {
        return newPage(1280, 800, 15_000);
    }

    @Test
    void signInRequiredWrongPasswordSaysSoAndSignOutEndsTheSession() {
        page = newUserPage();
        page.navigate(base() + "/designer");
        page.waitForURL("**/login");
        String name = Accounts.signUp(page, base(), "ada");
        assertThat(page.locator("[data-testid=empty-state]")).containsText("No workspace yet");
        shot(page, "home-empty");

        page.locator("[data-testid=sign-out]").click();
        page.waitForURL("**/login");
        Accounts.signIn(page, base(), name, "not the password");
        assertThat(page.locator("[data-testid=login-error]")).containsText("Wrong user name or password");
        Accounts.signIn(page, base(), name, Accounts.PASSWORD);
        assertThat(page.locator("[data-testid=current-user]")).hasText(name);
        // the session is shared with the REST API
        org.assertj.core.api.Assertions.assertThat(page.navigate(base() + "/api/auth/me").text()).contains(name);

        // a locked account is told how long to wait (5 failures in a row lock it)
        page.navigate(base() + "/");
        page.locator("[data-testid=sign-out]").click();
        page.waitForURL("**/login");
        for (int i = 0; i < 5; i++) {
            Accounts.signIn(page, base(), name, "wrong " + i);
            assertThat(page.locator("[data-testid=login-error]")).isVisible();
        }
        Accounts.signIn(page, base(), name, Accounts.PASSWORD);
        assertThat(page.locator("[data-testid=login-error]")).containsText("locked for");
        assertThat(page.locator("[data-testid=login-error]")).containsText("seconds");
    }

    @Test
    void designSaveHistoryDiffConflictAndViewer() {
        page = newUserPage();
        Accounts.signUp(page, base(), "alice");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog(page, "Vision team");
        assertThat(page.locator("[data-testid=empty-state]")).containsText("No projects yet");
        shot(page, "projects-empty");
        page.locator("[data-testid=create-project]").click();
        nameDialog(page, "Fashion");
        assertThat(page.locator("[data-testid=empty-state]")).containsText("No designs yet");
        shot(page, "designs-empty");
        page.locator("[data-testid=new-empty-design]").click();
        nameDialog(page, "Tiny MLP");
        page.waitForURL("**/designer/*");
        String designUrl = page.url();

        DesignerPage designer = new DesignerPage(page).awaitCanvas();
        assertThat(page.locator("[data-testid=version-label]")).hasText("v1");
        designer.dragFromPalette("Input", 260, 40, "input1");
        designer.setParam("shape", "784");
        designer.dragFromPalette("Dense", 260, 190, "dense1");
        designer.setParam("units", "16");
        designer.dragFromPalette("Dense", 260, 340, "dense2");
        designer.setParam("units", "10");
        designer.connect("input1", "dense1", 0);
        designer.connect("dense1", "dense2", 0);
        assertThat(designer.totals("total-params")).hasText("12,730");
        assertThat(page.locator("[data-testid=version-label]")).containsText("unsaved changes");

        save(page, "first MLP");
        assertThat(page.locator("[data-testid=version-label]")).hasText("v2");
        page.locator("[data-testid=open-history]").click();
        Locator versions = page.locator("[data-testid=versions]");
        assertThat(versions).containsText("first MLP");
        assertThat(versions).containsText("created empty");
        page.keyboard().press("Escape");

        designer.select("dense1");
        designer.setParam("units", "32");
        assertThat(designer.totals("total-params")).hasText("25,450");
        save(page, "wider hidden layer");
        assertThat(page.locator("[data-testid=version-label]")).hasText("v3");

        page.locator("[data-testid=open-history]").click();
        page.locator("[data-testid=show-changes-3]").click();
        assertThat(designer.node("dense1")).hasAttribute("data-diff", "changed");
        assertThat(designer.node("input1")).not().hasAttribute("data-diff", "changed");
        assertThat(page.locator("[data-testid=diff-banner]")).containsText("1 changed");
        assertThat(page.locator("[data-testid=save]")).isDisabled();
        shot(page, "diff");
        page.locator("[data-testid=back-to-editing]").click();
        assertThat(page.locator("[data-testid=diff-banner]")).isHidden();
        assertThat(designer.node("dense1")).not().hasAttribute("data-diff", "changed");

        // bob, an editor, saves first; alice sees a notice, and her stale save becomes a choice
        Page bobPage = newUserPage();
        String bob = Accounts.signUp(bobPage, base(), "bob");
        invite(page, designUrl, bob, null);
        acceptInvitation(bobPage);
        bobPage.navigate(designUrl);
        DesignerPage bobDesigner = new DesignerPage(bobPage).awaitCanvas();
        assertThat(bobPage.locator("[data-testid=version-label]")).hasText("v3");
        bobDesigner.select("dense2");
        bobDesigner.setParam("units", "12");
        save(bobPage, "twelve outputs");
        assertThat(bobPage.locator("[data-testid=version-label]")).hasText("v4");

        // alice opens v4; while they edit together, bob saves v5: she is told, and her save, made from the state
        // they share, simply follows his (the reload-or-copy choice is for a version saved elsewhere)
        page.navigate(designUrl);
        designer.awaitCanvas();
        assertThat(page.locator("[data-testid=version-label]")).hasText("v4");
        bobDesigner.select("dense2");
        bobDesigner.setParam("units", "11");
        save(bobPage, "eleven outputs");
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText(bob + " saved version 5"))).isVisible();
        // her label follows his save at once, as saved (it used to stay at v4 until her own next save)
        assertThat(page.locator("[data-testid=version-label]")).hasText("v5");
        designer.select("dense1");
        designer.setParam("units", "64");
        save(page, "even wider");
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("Meanwhile " + bob + " saved version 5"))).isVisible();
        assertThat(page.locator("[data-testid=save-as-new]")).hasCount(0);
        assertThat(page.locator("[data-testid=version-label]")).hasText("v6");
        designer.select("dense2");
        assertThat(designer.propertyField("units")).hasValue("11");
        designer.select("dense1");
        assertThat(designer.propertyField("units")).hasValue("64");

        // carol is a viewer: she sees the design, but nothing that changes it works
        Page carolPage = newUserPage();
        String carol = Accounts.signUp(carolPage, base(), "carol");
        invite(page, designUrl, carol, "Viewer");
        acceptInvitation(carolPage);
        carolPage.navigate(designUrl);
        new DesignerPage(carolPage).awaitCanvas();
        assertThat(carolPage.locator("[data-testid=node-dense1]")).isVisible();
        assertThat(carolPage.locator("[data-testid=version-label]")).containsText("read only");
        assertThat(carolPage.locator("[data-testid=save]")).isDisabled();
        assertThat(carolPage.locator("[data-layer-type=Dense]")).hasCount(0);
        shot(carolPage, "viewer");
    }

    @Test
    void datasetsPageUploadsACsvWithProgressAndPreviewsItsColumnsBesideTheBuiltIns() throws Exception {
        page = newUserPage();
        Accounts.signUp(page, base(), "dora");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog(page, "Tables");
        page.locator("[data-testid=create-project]").click();
        nameDialog(page, "Flowers");
        page.locator("[data-testid=datasets-link]").click();
        page.waitForURL("**/datasets");
        assertThat(page.locator("[data-testid=empty-state]")).containsText("No uploaded datasets");
        assertThat(page.locator("[data-testid=builtin-datasets]")).containsText("Fashion-MNIST");

        java.nio.file.Path csv = java.nio.file.Files.createTempFile("petals", ".csv");
        java.nio.file.Files.writeString(csv, "length,width,species\n1.4,0.2,setosa\n4.7,1.4,versicolor\n"
                + "6.0,2.5,virginica\n");
        page.locator("[data-testid=dataset-upload] input[type=file]").setInputFiles(csv);
        Locator preview = page.locator("[data-testid^=dataset-petals]");
        assertThat(preview).containsText("3 rows");
        assertThat(preview).containsText("species");
        assertThat(preview).containsText("length");
        shot(page, "datasets");

        // each step waits for its page: a click during a navigation still in flight can be lost
        page.locator("[data-testid=designs-link]").click();
        page.waitForURL(u -> !u.endsWith("/datasets"));
        page.locator(".nw-page-head a").first().click();
        page.waitForURL("**/workspaces/*");
        page.locator("[data-testid=members-link]").click();
        page.waitForURL("**/members");
        assertThat(page.locator("[data-testid=members]")).containsText("dora");
        shot(page, "members");

        // the switcher: a second workspace, then back to the first through the switcher
        page.locator("[data-testid=new-workspace]").click();
        nameDialog(page, "Second");
        assertThat(page.locator(".nw-page-head h2")).hasText("Second");
        page.locator("[data-testid=workspace-switcher]").click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("Tables")).click();
        assertThat(page.locator(".nw-page-head h2")).hasText("Tables");

        // a design from the template gallery opens in the designer as version 1
        page.locator("[data-testid=project-card] a").click();
        page.waitForURL("**/projects/*");
        page.locator("[data-testid=new-from-template]").click();
        page.locator("[data-template=mlp-fashion-mnist]").click();
        page.waitForURL("**/designer/*");
        assertThat(page.locator("[data-testid=version-label]")).hasText("v1");
        assertThat(page.locator(".react-flow__node")).not().hasCount(0);
        page.locator("[data-testid=back-to-designs]").click();
        assertThat(page.locator("[data-testid=designs]")).containsText("v1");
    }

    /** Keeps a picture of a screen under target/screenshots, to look at the pages as users see them. */
    private static void shot(Page page, String name) {
        page.waitForTimeout(300);
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target", "screenshots",
                "platform-" + name + ".png")));
    }

    private static void nameDialog(Page page, String name) {
        page.locator("[data-testid=name-field] input").fill(name);
        page.locator("[data-testid=confirm]").click();
    }

    private static void save(Page page, String message) {
        page.locator("[data-testid=save]").click();
        page.locator("[data-testid=save-message] input").fill(message);
        page.locator("[data-testid=save-confirm]").click();
    }

    /** The owner invites from the members page of the design's workspace, then returns to the design. */
    private void invite(Page owner, String designUrl, String who, String role) {
        owner.navigate(base() + "/");
        owner.locator(".nw-card a").first().click();
        owner.locator("[data-testid=members-link]").click();
        owner.locator("[data-testid=invite-who] input").fill(who);
        if (role != null) {
            owner.locator("[data-testid=invite-role]").first().click();
            owner.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText(role)).first().click();
        }
        owner.locator("[data-testid=invite]").click();
        assertThat(owner.getByText(who + " as ")).isVisible();
        owner.navigate(designUrl);
        owner.waitForSelector("[data-testid=canvas]");
    }

    private void acceptInvitation(Page member) {
        member.navigate(base() + "/");
        member.locator("[data-testid=accept-invitation]").click();
        assertThat(member.locator(".nw-card a")).hasCount(1);
    }
}
