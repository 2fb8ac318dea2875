package dev.netwright.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API called with a signed-in page's own session (its cookies, and its CSRF token on writes), for the
 * set-up of browser tests that need stored projects, designs, datasets and finished runs before the page under test
 * opens.
 */
final class SessionApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Page page;
    private final String base;
    private final Function<Page, String> csrfToken;

    SessionApi(Page page, String base, Function<Page, String> csrfToken) {
        this.page = page;
        this.base = base;
        this.csrfToken = csrfToken;
    }

    JsonNode get(String path) {
        APIResponse r = page.request().get(base + path);
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
        return JSON.readTree(r.text());
    }

    /** POSTs {@code body} as JSON and returns the answer, which must be 200 or 201. */
    JsonNode post(String path, Object body) {
        APIResponse r = page.request().post(base + path, RequestOptions.create()
                .setHeader("X-XSRF-TOKEN", csrfToken.apply(page))
                .setHeader("Content-Type", "application/json").setData(JSON.writeValueAsString(body)));
        assertThat(r.status()).as(path + ": " + r.text()).isBetween(200, 201);
        return JSON.readTree(r.text());
    }

    /** A new workspace with one project, both named {@code name}; returns the project's id. */
    String newProject(String name) {
        String workspace = post("/api/workspaces", Map.of("name", name)).get("id").asString();
        return post("/api/workspaces/" + workspace + "/projects", Map.of("name", name, "description", ""))
                .get("id").asString();
    }

    /** Stores {@code design} as a new design of the project; returns the design's id. */
    String newDesign(String project, Design design) {
        JsonNode doc = JSON.readTree(new DesignJson().write(design));
        return post("/api/projects/" + project + "/designs", Map.of("name", design.name(), "design", doc))
                .get("designId").asString();
    }

    /** Uploads a CSV as a dataset of the project; returns the dataset's id. */
    String uploadCsv(String project, String fileName, String csv) {
        APIResponse r = page.request().post(base + "/api/projects/" + project + "/datasets",
                RequestOptions.create().setHeader("X-XSRF-TOKEN", csrfToken.apply(page))
                        .setMultipart(FormData.create().set("file", new FilePayload(fileName, "text/csv",
                                csv.getBytes(StandardCharsets.UTF_8)))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return JSON.readTree(r.text()).get("id").asString();
    }

    /** Queues a run of the project's design and returns its id once it has succeeded; any other end fails. */
    String trainToSuccess(String project, String design, Map<String, Object> dataset, Map<String, Object> config,
                          Duration timeout) {
        String run = post("/api/projects/" + project + "/runs", Map.of("designId", design, "dataset", dataset,
                "config", config)).get("id").asString();
        waitForSuccess(run, timeout);
        return run;
    }

    /** Waits until the run has succeeded; a run that ends otherwise, or is still going at the timeout, fails. */
    void waitForSuccess(String run, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            JsonNode r = get("/api/runs/" + run);
            String status = r.get("status").asString();
            if (status.equals("SUCCEEDED")) {
                return;
            }
            assertThat(status).as(r.toString()).isIn("QUEUED", "RUNNING");
            page.waitForTimeout(250);
        }
        throw new AssertionError("run " + run + " did not finish within " + timeout);
    }
}
