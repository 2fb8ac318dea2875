package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIRequest;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.options.RequestOptions;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Learn mode in a real browser: the textbook neuron typed in by hand, the 784-16-16-10 parameter breakdown, the
 * designer's hand-off of its current design, and live trainings (playground boundary, vanishing gradients).
 */
class LearnBrowserIT extends BrowserTestBase {
    @BeforeEach
    void signUp() {
        page = newPage(1280, 900, 20_000);
        Accounts.signUp(page, base(), "learner");
    }

    private void fill(String testId, String text) {
        var field = page.locator("[data-testid=" + testId + "] input, [data-testid=" + testId + "] textarea").first();
        field.fill(text);
        field.press("Tab");
    }

    @Test
    void textbookNeuronTypedByHandGivesMinus543() {
        page.locator("[data-testid=nav-learn]").click();
        page.locator("[data-testid=learn-nav] >> text=Forward pass").click();
        page.waitForURL("**/learn/inspector");
        fill("inspector-input", "8, 5, 22, -5, 2, -3");
        fill("weights-n", "5.4, -10.2, -0.1, 101.4, 0.0, 12.0");
        fill("biases-n", "10.0");
        page.locator("[data-testid=inspector-run]").click();

        assertThat(page.locator("[data-testid=inspector-step]")).containsText("'n' (Dense)");
        assertThat(page.locator("[data-testid=neuron-z]")).hasText("-543.0");
        assertThat(page.locator("[data-testid=neuron-bias]")).hasText("10.0");
        assertThat(page.locator("[data-testid=neuron-formula]")).hasText("z = 10.0 + 5.4 × 8.0 + (-10.2) × 5.0"
                + " + (-0.1) × 22.0 + 101.4 × (-5.0) + 0.0 × 2.0 + 12.0 × (-3.0) = -543.0");
        page.locator("[data-testid=inspector-previous]").click();
        assertThat(page.locator("[data-testid=inspector-output]")).hasText("output = [8.0, 5.0, 22.0, -5.0, 2.0, -3.0]");

        // a typo is named, with its field and position
        fill("weights-n", "5.4, -10.2, x, 101.4, 0.0, 12.0");
        page.locator("[data-testid=inspector-run]").click();
        assertThat(page.locator("[data-testid=inspector-message]"))
                .hasText("weights of 'n', neuron 1: value 3 'x' is not a number");
    }

    @Test
    void parameterArithmeticOfTheSeedMlpSumsTo13002() {
        page.navigate(base() + "/learn/parameters");
        fill("parameters-sizes", "784, 16, 16, 10");
        assertThat(page.locator("[data-testid=parameters-sum]")).hasText("12,560 + 272 + 170 = 13,002");
        var lines = page.locator("[data-testid=parameters-lines]");
        assertThat(lines).containsText("784 × 16 + 16 = 12,560");
        assertThat(lines).containsText("16 × 16 + 16 = 272");
        assertThat(lines).containsText("16 × 10 + 10 = 170");

        fill("parameters-sizes", "784, sixteen");
        assertThat(page.locator("[data-testid=parameters-message]"))
                .hasText("layer sizes: value 2 'sixteen' is not a number");
    }

    @Test
    void designerHandsItsCurrentDesignToTheLearnPages() {
        page.navigate(base() + "/designer?template=mlp-fashion-mnist");
        var total = page.locator("[data-testid=total-params]");
        assertThat(total).not().hasText("0");
        String expected = total.textContent().strip();
        page.locator("[data-testid=designer-learn]").getByText("Learn").click();
        page.getByText("Parameter arithmetic of this design").click();
        page.waitForURL("**/learn/parameters?design=current");
        assertThat(page.locator("[data-testid=parameters-sum]")).containsText("= " + expected);
    }

    /** Signs up {@code name} through the REST API, trains a small moons MLP in a new project and returns its run id. */
    private String trainedRun(String name) throws Exception {
        var json = tools.jackson.databind.json.JsonMapper.shared();
        APIRequestContext api = playwright().request().newContext(new APIRequest.NewContextOptions().setBaseURL(base()));
        try {
            java.util.function.BiFunction<String, Object, tools.jackson.databind.JsonNode> post = (path, body) -> {
                RequestOptions options = RequestOptions.create().setHeader("Content-Type", "application/json")
                        .setData(json.writeValueAsString(body));
                if (!path.equals("/api/auth/signup")) {
                    options.setHeader("X-XSRF-TOKEN", csrfToken(api)); // a session: changes need the CSRF token
                }
                APIResponse r = api.post(path, options);
                if (r.status() != 201) {
                    throw new AssertionError(path + " answered " + r.status() + ": " + r.text());
                }
                return json.readTree(r.text());
            };
            post.apply("/api/auth/signup", Map.of("username", name, "email", name + "@example.org", "password",
                    Accounts.PASSWORD));
            String ws = post.apply("/api/workspaces", Map.of("name", "learn")).get("id").asString();
            String project = post.apply("/api/workspaces/" + ws + "/projects", Map.of("name", "p", "description", ""))
                    .get("id").asString();
            String design = new DesignJson().write(DesignBuilder.named("moons mlp")
                    .node("in", "Input", "shape", List.of(2))
                    .then("hidden", "Dense", "units", 3, "activation", "relu")
                    .then("out", "Dense", "units", 2, "activation", "softmax").build());
            String designId = post.apply("/api/projects/" + project + "/designs", Map.of("name", "mlp", "design",
                    json.readTree(design))).get("designId").asString();
            String run = post.apply("/api/projects/" + project + "/runs", Map.of("designId", designId,
                    "dataset", Map.of("builtin", "moons", "limit", 200),
                    "config", Map.of("epochs", 1, "batchSize", 32, "learningRate", 0.01))).get("id").asString();
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            String status = "";
            while (System.nanoTime() < end && !status.equals("SUCCEEDED")) {
                Thread.sleep(500);
                status = json.readTree(api.get("/api/runs/" + run).text()).get("status").asString();
                if (status.equals("FAILED") || status.equals("CANCELLED")) {
                    throw new AssertionError("run " + run + " ended " + status);
                }
            }
            return run;
        } finally {
            api.dispose();
        }
    }

    @Test
    void inspectorStepsThroughATrainedRunsWeightsOnlyForItsWorkspace() throws Exception {
        String owner = Accounts.unique("trainer");
        String run = trainedRun(owner);

        // the learner signed up in @BeforeEach has no access to that workspace: the run does not exist for them
        page.navigate(base() + "/learn/inspector?run=" + run);
        assertThat(page.locator("[data-testid=inspector-message]")).hasText("No run " + run + " that you can see.");
        assertThat(page.locator("[data-testid=weights-hidden]")).hasCount(0);

        page.locator("[data-testid=sign-out]").click();
        page.waitForURL("**/login");
        Accounts.signIn(page, base(), owner, Accounts.PASSWORD);
        page.locator("[data-testid=current-user]").waitFor();
        page.navigate(base() + "/learn/inspector?run=" + run);
        assertThat(page.locator("[data-testid=inspector-source]")).containsText("Trained run");
        var weights = page.locator("[data-testid=weights-hidden] textarea");
        assertThat(weights).not().hasValue("");
        assertThat(weights).hasValue(java.util.regex.Pattern.compile("^[^\\n]+\\n[^\\n]+\\n[^\\n]+$"));
        page.locator("[data-testid=inspector-run]").click();
        assertThat(page.locator("[data-testid=inspector-step]")).containsText("'hidden' (Dense)");
        assertThat(page.locator("[data-testid=neuron-formula]")).hasCount(3);
        page.locator("[data-testid=inspector-next]").click();
        assertThat(page.locator("[data-testid=inspector-step]")).containsText("'out' (Dense)");
        assertThat(page.locator("[data-testid=neuron-formula]").first()).containsText("a = softmax(z) = ");
    }

    @Test
    void activationCurvesAndSoftmaxWithTemperature() {
        page.navigate(base() + "/learn/activations");
        // f and f' at 241 points each
        page.locator("[data-testid=activation-chart][data-points='482']").waitFor();
        assertThat(page.locator("[data-testid=softmax-probabilities]")).hasText("p = 0.6590, 0.2424, 0.0986");
        fill("softmax-temperature", "100");
        assertThat(page.locator("[data-testid=softmax-probabilities]")).hasText("p = 0.3366, 0.3332, 0.3302");
        fill("softmax-logits", "1, 2, three");
        assertThat(page.locator(".nw-learn-message")).hasText("logits: value 3 'three' is not a number");
    }

    @Test
    void playgroundBoundaryChartFillsWhileTraining() {
        page.navigate(base() + "/learn/playground");
        page.locator("[data-testid=playground-chart][data-points='400']").waitFor();
        page.locator("[data-testid=playground-start]").click();
        // 400 training points plus the 40 x 40 grid of predictions once the first epoch is drawn
        page.waitForFunction("() => Number(document.querySelector('[data-testid=playground-chart]')"
                + ".getAttribute('data-points')) >= 2000");
        assertThat(page.locator("[data-testid=playground-status]")).containsText("Epoch");
        page.locator("[data-testid=playground-pause]").click();
        assertThat(page.locator("[data-testid=playground-pause]")).hasText("Resume");
        page.locator("[data-testid=playground-reset]").click();
        page.locator("[data-testid=playground-chart][data-points='400']").waitFor();
        assertThat(page.locator("[data-testid=playground-status]")).hasText("Press Start to train.");
    }

    @Test
    void gradientViewPlotsEveryLayerOfBothNetworks() {
        page.navigate(base() + "/learn/gradients");
        page.locator("[data-testid=gradients-run]").click();
        assertThat(page.locator("[data-testid=gradients-status]")).hasText("Done.",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(120_000));
        // 9 parameterised layers x 20 epochs in each chart
        assertThat(page.locator("[data-testid=gradients-chart-sigmoid]")).hasAttribute("data-points", "180");
        assertThat(page.locator("[data-testid=gradients-chart-relu]")).hasAttribute("data-points", "180");
        assertThat(page.locator("[data-testid=gradients-ratio]")).containsText("sigmoid");
    }
}
