package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The try-it page in a real browser: a model trained by the app's worker on an uploaded table is tried through its
 * input form, and a picture model through the drawing pad; both show the predicted class and a probability bar per
 * class. The set-up goes through the REST API with the browser's own session.
 */
class TryModelBrowserIT extends BrowserTestBase {
    private void signedInPage() {
        page = newPage(1280, 900, 20_000);
        Accounts.signUp(page, base(), "tryit");
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
        return api(page).trainToSuccess(project, design, dataset,
                Map.of("epochs", epochs, "batchSize", 16, "learningRate", 0.02), Duration.ofMinutes(3));
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
        String project = api(page).newProject("try");
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("x,colour,label\n");
        for (int i = 0; i < 240; i++) {
            double x = r.nextDouble() * 4 - 2;
            boolean red = r.nextBoolean();
            csv.append(String.format(Locale.ROOT, "%.3f,%s,%s%n", x, red ? "red" : "blue",
                    x + (red ? 0.5 : -0.5) > 0 ? "yes" : "no"));
        }
        String dataset = api(page).uploadCsv(project, "points.csv", csv.toString());
        String design = api(page).newDesign(project, mlp("points", List.of(3), false, 2));
        String run = trainAndWait(project, design, Map.of("datasetId", dataset, "targetColumn", "label"), 8);

        // entry point: the project's designs page lists the trained model
        page.navigate(base() + "/projects/" + project);
        // names, results and dates, not raw JSON
        Locator models = page.locator("[data-testid=trained-models]");
        assertThat(models).containsText("test accuracy");
        assertThat(models).containsText("run by tryit");
        assertThat(models).not().containsText("{");
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
        String project = api(page).newProject("try");
        String design = api(page).newDesign(project, mlp("pictures", List.of(1, 28, 28), true, 10));
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
        JsonNode model = api(page).get("/api/models/" + run);
        List<String> classes = new java.util.ArrayList<>();
        model.get("classes").forEach(c -> classes.add(c.asString()));
        assertThat(classes).contains(label);
    }

    /** A picture file of {@code width x height} in one colour, with a white bar across its middle. */
    private static java.nio.file.Path picture(String name, java.awt.Color colour, int width, int height)
            throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, height / 3, width, height / 3);
        g.dispose();
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("pictures").resolve(name);
        javax.imageio.ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void pictureAfterPictureAndSeveralDroppedEachShowTheModelsViewAndAnAnswer() throws Exception {
        signedInPage();
        String project = api(page).newProject("try");
        String design = api(page).newDesign(project, mlp("pictures", List.of(1, 28, 28), true, 10));
        String run = trainAndWait(project, design, Map.of("builtin", "fashion-mnist", "limit", 300), 1);
        page.navigate(base() + "/models/" + run + "/try");
        var results = page.locator("[data-testid=picture-result]");
        var input = page.locator("[data-testid=picture-upload] input[type=file]");

        // one picture, then another: the upload stays usable and each gets a result, newest first
        input.setInputFiles(picture("red.png", java.awt.Color.RED, 120, 80));
        assertThat(results).hasCount(1);
        input.setInputFiles(picture("blue.png", java.awt.Color.BLUE, 60, 90));
        assertThat(results).hasCount(2);
        assertThat(results.first()).hasAttribute("data-file", "blue.png");

        // the model's view: 28x28 and grey, whatever the size and colour of the file
        var view = results.first().locator("[data-testid=model-view]");
        assertThat(view).hasAttribute("src", java.util.regex.Pattern.compile("^data:image/png;base64,"));
        Object seen = view.evaluate("""
                img => new Promise(done => {
                  const c = document.createElement('canvas');
                  c.width = img.naturalWidth; c.height = img.naturalHeight;
                  const g = c.getContext('2d');
                  g.drawImage(img, 0, 0);
                  const d = g.getImageData(0, 0, c.width, c.height).data;
                  let grey = true;
                  for (let i = 0; i < d.length; i += 4) { if (d[i] !== d[i + 1] || d[i + 1] !== d[i + 2]) grey = false; }
                  done(c.width + 'x' + c.height + (grey ? ' grey' : ' colour'));
                })""");
        assertThat(seen).isEqualTo("28x28 grey");

        // several pictures dropped at once: one result each
        page.locator("[data-testid=picture-upload]").evaluate("""
                async up => {
                  const make = (name, colour) => new Promise(done => {
                    const c = document.createElement('canvas');
                    c.width = 40; c.height = 40;
                    const g = c.getContext('2d');
                    g.fillStyle = colour; g.fillRect(0, 0, 40, 40);
                    c.toBlob(b => done(new File([b], name, {type: 'image/png'})), 'image/png');
                  });
                  const dt = new DataTransfer();
                  dt.items.add(await make('green.png', '#0a0'));
                  dt.items.add(await make('white.png', '#fff'));
                  dt.items.add(await make('grey.png', '#888'));
                  up.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
                  up.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
                }""");
        assertThat(results).hasCount(5);
        for (String file : List.of("green.png", "white.png", "grey.png", "red.png", "blue.png")) {
            var row = page.locator("[data-testid=picture-result][data-file='" + file + "']");
            assertThat(row).hasCount(1);
            assertThat(row.locator("[data-testid=picture-answer]")).hasText(java.util.regex.Pattern.compile(
                    "^\\S.* \\(\\d+%\\)$"));
        }
        shot("pictures");
    }
}
