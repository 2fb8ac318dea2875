package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The try-it page in a real browser: a model trained by the app's worker on an uploaded table is tried through its
 * input form, and a picture model through the drawing pad; both show the predicted class and a probability bar per
 * class. The set-up goes through the REST API with the browser's own session.
 */
class TryModelBrowserIT extends BrowserTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private void signedInPage() {
        page = newPage(1280, 900, 20_000);
        Accounts.signUp(page, base(), "tryit");
    }

    private JsonNode post(String path, Object body) {
        APIResponse r = page.request().post(base() + path, RequestOptions.create()
                .setHeader("X-XSRF-TOKEN", csrfToken(page))
                .setHeader("Content-Type", "application/json").setData(JSON.writeValueAsString(body)));
        assertThat(r.status()).as(r.text()).isBetween(200, 201);
        return JSON.readTree(r.text());
    }

    private String project() {
        String ws = post("/api/workspaces", Map.of("name", "try")).get("id").asString();
        return post("/api/workspaces/" + ws + "/projects", Map.of("name", "try", "description", "")).get("id")
                .asString();
    }

    private String design(String project, dev.netwright.designer.model.Design design) {
        JsonNode doc = JSON.readTree(new dev.netwright.designer.format.DesignJson().write(design));
        return post("/api/projects/" + project + "/designs", Map.of("name", design.name(), "design", doc))
                .get("designId").asString();
    }

    private static dev.netwright.designer.model.Design mlp(String name, List<Integer> shape, boolean flatten,
                                                           int classes) {
        var b = dev.netwright.designer.template.DesignBuilder.named(name).node("in", "Input", "shape", shape);
        if (flatten) {
            b = b.then("flat", "Flatten");
        }
        return b.then("hidden", "Dense", "units", 16, "activation", "relu")
                .then("out", "Dense", "units", classes, "activation", "softmax").build();
    }

    private String trainAndWait(String project, String design, Map<String, Object> dataset, int epochs) {
        String run = post("/api/projects/" + project + "/runs", Map.of("designId", design, "dataset", dataset,
                "config", Map.of("epochs", epochs, "batchSize", 16, "learningRate", 0.02))).get("id").asString();
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end) {
            String status = JSON.readTree(page.request().get(base() + "/api/runs/" + run).text()).get("status")
                    .asString();
            if (status.equals("SUCCEEDED")) {
                return run;
            }
            assertThat(status).isIn("QUEUED", "RUNNING");
            page.waitForTimeout(200);
        }
        throw new AssertionError("run " + run + " did not finish");
    }

    /** Picks a category in the colour combo box by clicking its item, which also closes the drop-down. */
    private void choose(String colour) {
        page.locator("[data-testid=feature-colour] input").fill(colour);
        page.locator("vaadin-combo-box-item").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(colour)).first().click();
        assertThat(page.locator("[data-testid=feature-colour]")).not().hasAttribute("opened", "");
    }

    @Test
    void tableModelFormShowsTheClassAndItsProbabilities() {
        signedInPage();
        String project = project();
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("x,colour,label\n");
        for (int i = 0; i < 240; i++) {
            double x = r.nextDouble() * 4 - 2;
            boolean red = r.nextBoolean();
            csv.append(String.format(Locale.ROOT, "%.3f,%s,%s%n", x, red ? "red" : "blue",
                    x + (red ? 0.5 : -0.5) > 0 ? "yes" : "no"));
        }
        APIResponse upload = page.request().post(base() + "/api/projects/" + project + "/datasets",
                RequestOptions.create().setHeader("X-XSRF-TOKEN", csrfToken(page)).setMultipart(FormData.create().set("file", new FilePayload("points.csv",
                        "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)))));
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        String dataset = JSON.readTree(upload.text()).get("id").asString();
        String design = design(project, mlp("points", List.of(3), false, 2));
        String run = trainAndWait(project, design, Map.of("datasetId", dataset, "targetColumn", "label"), 8);

        // entry point: the project's designs page lists the trained model
        page.navigate(base() + "/projects/" + project);
        page.locator("[data-testid=try-model]").first().click();
        page.waitForURL("**/models/" + run + "/try");
        page.locator("[data-testid=feature-x] input").fill("1.6");
        choose("red");
        page.locator("[data-testid=predict]").click();
        assertThat(page.locator("[data-testid=predicted-label]")).hasText("yes");
        assertThat(page.locator("[data-testid=probabilities]")).hasAttribute("data-points", "2");

        page.locator("[data-testid=feature-x] input").fill("-1.8");
        choose("blue");
        page.locator("[data-testid=predict]").click();
        assertThat(page.locator("[data-testid=predicted-label]")).hasText("no");
    }

    @Test
    void pictureModelPredictsWhatIsDrawnOnThePad() {
        signedInPage();
        String project = project();
        String design = design(project, mlp("pictures", List.of(1, 28, 28), true, 10));
        String run = trainAndWait(project, design, Map.of("builtin", "fashion-mnist", "limit", 300), 1);
        page.navigate(base() + "/models/" + run + "/try");
        var pad = page.locator("[data-testid=sketch-pad]");
        pad.waitFor();
        BoundingBox box = pad.boundingBox();
        page.mouse().move(box.x + box.width * 0.3, box.y + box.height * 0.2);
        page.mouse().down();
        page.waitForTimeout(100);
        for (int i = 1; i <= 10; i++) {
            page.mouse().move(box.x + box.width * (0.3 + 0.04 * i), box.y + box.height * (0.2 + 0.06 * i));
        }
        page.waitForTimeout(100);
        page.mouse().up();
        // the stroke triggers a prediction; a click on Predict asks again with the same drawing
        page.locator("[data-testid=predict]").click();
        assertThat(page.locator("[data-testid=probabilities]")).hasAttribute("data-points", "10");
        String label = page.locator("[data-testid=predicted-label]").textContent();
        JsonNode model = JSON.readTree(page.request().get(base() + "/api/models/" + run).text());
        List<String> classes = new java.util.ArrayList<>();
        model.get("classes").forEach(c -> classes.add(c.asString()));
        assertThat(classes).contains(label);
    }
}
