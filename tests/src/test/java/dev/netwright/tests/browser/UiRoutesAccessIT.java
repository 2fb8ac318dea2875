package dev.netwright.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorisation matrix for the web UI: every Vaadin route (found by scanning for {@code @Route}, so new pages are
 * covered without a list to maintain), opened as anonymous (sent to the sign-in page unless the route is for
 * anonymous visitors), as a signed-in stranger to the workspace (a "Not found" page that shows none of the
 * workspace's names) and as its owner (the page itself). Every page is served with the Content-Security-Policy and
 * renders under it: the browser reports no policy violation and no script error. The owner's data is made through
 * the REST API from the signed-in browser session, which needs the CSRF token as any page script would.
 */
class UiRoutesAccessIT extends BrowserTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyRouteShowsEachVisitorOnlyWhatTheyMaySeeUnderTheContentSecurityPolicy() {
        List<String> violations = new ArrayList<>();
        Page owner = watched(newPage(1400, 900, 30_000), "owner", violations);
        page = owner;
        String ownerName = Accounts.signUp(owner, base(), "uiowner");
        Page stranger = watched(newPage(1400, 900, 30_000), "stranger", violations);
        Accounts.signUp(stranger, base(), "uistranger");

        Map<String, String> ids = ownersData(owner, ownerName);
        Map<String, Boolean> routes = routes();
        assertThat(routes).containsKeys("", "login", "projects/:projectId", "runs/:runId", "designer/:designId?");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Boolean> route : routes.entrySet()) {
            String template = route.getKey();
            String path = "/" + fill(template, ids);
            boolean withIds = template.contains(":");

            Page anonymous = watched(newPage(1400, 900, 30_000), "anonymous", violations);
            Response first = anonymous.navigate(base() + path);
            String csp = first == null ? null : first.headers().get("content-security-policy");
            if (csp == null || !csp.contains("default-src 'self'") || !csp.contains("frame-ancestors 'none'")) {
                failures.add(path + ": served without the UI's Content-Security-Policy (" + csp + ")");
            }
            if (route.getValue()) {
                anonymous.locator("vaadin-button").first().waitFor();
            } else {
                anonymous.locator("[data-testid=login-name]").waitFor();
                if (anonymous.content().contains(ids.get("name"))) {
                    failures.add(path + ": anonymous visitors see the workspace's names");
                }
            }
            if (route.getValue()) {
                continue; // sign-in and sign-up pages: nothing more to check
            }

            stranger.navigate(base() + path);
            if (withIds) {
                try {
                    stranger.locator("text=Not found").first().waitFor(new com.microsoft.playwright.Locator
                            .WaitForOptions().setTimeout(10_000));
                } catch (RuntimeException e) {
                    failures.add(path + ": a stranger to the workspace does not get the Not found page");
                    stranger.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target",
                            "screenshots", "ui-stranger-" + failures.size() + ".png")));
                }
                if (stranger.content().contains(ids.get("name"))) {
                    failures.add(path + ": a stranger sees the workspace's names");
                }
            }

            owner.navigate(base() + path);
            owner.waitForTimeout(1500);
            if (owner.locator("text=Not found").count() > 0) {
                failures.add(path + ": the owner gets Not found");
            }
            if (withIds && !owner.content().contains(ids.get("name")) && !template.startsWith("runs/")
                    && !template.startsWith("models/") && !template.startsWith("designer/")) {
                failures.add(path + ": the owner's page does not show the workspace's data");
            }
        }
        // the API's Swagger UI runs under its own policy too
        Page docs = watched(newPage(1400, 900, 30_000), "anonymous", violations);
        Response docsPage = docs.navigate(base() + "/api/docs/index.html");
        assertThat(docsPage.headers().get("content-security-policy")).contains("default-src 'self'");
        docs.locator(".swagger-ui .info .title").waitFor();
        docs.locator(".opblock").first().waitFor();

        assertThat(violations).as("Content-Security-Policy violations and script errors").isEmpty();
        assertThat(failures).as("UI routes").isEmpty();
    }

    /** Records every policy violation and script error the page reports. */
    private static Page watched(Page p, String who, List<String> violations) {
        p.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().contains("Refused to")) {
                violations.add(who + " " + p.url() + ": " + m.text());
            }
        });
        p.onPageError(e -> violations.add(who + " " + p.url() + ": script error " + e));
        return p;
    }

    /** Workspace, project, design, a finished run and a sweep, made through the API from the owner's session. */
    private Map<String, String> ownersData(Page owner, String ownerName) {
        String unique = "Secretproj" + System.nanoTime() % 1_000_000;
        Map<String, String> ids = new TreeMap<>();
        ids.put("name", unique);
        owner.request().get(base() + "/api/auth/me"); // hands out the CSRF cookie to the session
        String token = owner.context().cookies().stream().filter(c -> c.name.equals("XSRF-TOKEN"))
                .map(c -> c.value).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
        APIResponse forged = owner.request().post(base() + "/api/workspaces",
                RequestOptions.create().setData(Map.of("name", "forged")));
        assertThat(forged.status()).as("a session call without the CSRF token").isEqualTo(403);
        JsonNode ws = post(owner, token, "/api/workspaces", Map.of("name", unique + " space"));
        ids.put("workspaceId", ws.get("id").asString());
        JsonNode project = post(owner, token, "/api/workspaces/" + ids.get("workspaceId") + "/projects",
                Map.of("name", unique, "description", ""));
        ids.put("projectId", project.get("id").asString());
        String design = new DesignJson().write(DesignBuilder.named(unique + " mlp")
                .node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 8, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build());
        JsonNode d = post(owner, token, "/api/projects/" + ids.get("projectId") + "/designs",
                Map.of("name", unique + " mlp", "design", JSON.readValue(design, Map.class)));
        ids.put("designId", d.get("designId").asString());
        JsonNode run = post(owner, token, "/api/projects/" + ids.get("projectId") + "/runs", Map.of(
                "designId", ids.get("designId"), "dataset", Map.of("builtin", "moons", "limit", 100),
                "config", Map.of("epochs", 1)));
        ids.put("runId", run.get("id").asString());
        JsonNode sweep = post(owner, token, "/api/projects/" + ids.get("projectId") + "/sweeps", Map.of(
                "designId", ids.get("designId"), "dataset", Map.of("builtin", "moons", "limit", 50),
                "queue", "parked-ui", "parameters", Map.of("learningRate", Map.of("logUniform", List.of(0.001, 0.1))),
                "maxTrials", 1));
        ids.put("sweepId", sweep.get("id").asString());
        long deadline = System.currentTimeMillis() + 120_000;
        while (!JSON.readTree(owner.request().get(base() + "/api/runs/" + ids.get("runId")).text())
                .get("status").asString().equals("SUCCEEDED")) {
            assertThat(System.currentTimeMillis()).as("run finished").isLessThan(deadline);
            owner.waitForTimeout(500);
        }
        return ids;
    }

    private JsonNode post(Page owner, String csrf, String path, Map<String, Object> body) {
        APIResponse r = owner.request().post(base() + path, RequestOptions.create()
                .setHeader("X-XSRF-TOKEN", csrf).setData(body));
        assertThat(r.status()).as(path + " " + r.text()).isEqualTo(201);
        return JSON.readTree(r.text());
    }

    /** Route template -> whether anonymous visitors may open it. */
    private static Map<String, Boolean> routes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Map<String, Boolean> out = new TreeMap<>();
        for (BeanDefinition bd : scanner.findCandidateComponents("dev.netwright.frontend")) {
            try {
                Class<?> view = Class.forName(bd.getBeanClassName());
                out.put(view.getAnnotation(Route.class).value(), view.isAnnotationPresent(AnonymousAllowed.class));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String fill(String template, Map<String, String> ids) {
        String s = template;
        for (String key : List.of("workspaceId", "projectId", "designId", "runId", "sweepId")) {
            s = s.replace(":" + key + "?", ids.get(key)).replace(":" + key, ids.get(key));
        }
        return s;
    }
}
