package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Users' own text and series in a real browser: an uploaded text CSV is previewed as text with its token lengths, the
 * text template trained on it is tried with a sentence; a series trained with the forecaster template shows its test
 * part with the forecast on the run page, and the try-it page forecasts from a pasted window. Set-up goes through the
 * REST API with the browser's session.
 */
class SequenceBrowserIT extends BrowserTestBase {
    private String template(String project, String id) {
        return api(page).newDesign(project, dev.netwright.designer.template.Templates.find(id).orElseThrow().design());
    }

    private static String reviews(int rows) {
        String[] good = {"great", "excellent", "love", "wonderful", "perfect", "best"};
        String[] bad = {"terrible", "awful", "hate", "broken", "worst", "useless"};
        String[] filler = {"the", "product", "it", "was", "and", "this", "delivery", "box", "price", "my", "week"};
        Random r = new Random(11);
        StringBuilder s = new StringBuilder("review,label\n");
        for (int i = 0; i < rows; i++) {
            boolean positive = r.nextBoolean();
            List<String> words = new ArrayList<>();
            for (int k = 0; k < 1 + r.nextInt(3); k++) {
                words.add((positive ? good : bad)[r.nextInt(6)]);
            }
            for (int k = 0; k < 5 + r.nextInt(12); k++) {
                words.add(filler[r.nextInt(filler.length)]);
            }
            Collections.shuffle(words, r);
            s.append('"').append(String.join(" ", words)).append("!\",").append(positive ? "positive" : "negative")
                    .append('\n');
        }
        return s.toString();
    }

    @Test
    void aTextCsvIsPreviewedAsTextAndItsModelTriedWithASentence() {
        page = newPage(1280, 900, 20_000);
        Accounts.signUp(page, base(), "texts");
        String project = api(page).newProject("sequence");
        String dataset = api(page).uploadCsv(project, "reviews.csv", reviews(500));
        page.navigate(base() + "/projects/" + project + "/datasets");
        assertThat(page.locator("[data-testid=text-column]")).containsText("review: free text, tokens per row median");

        String run = api(page).trainToSuccess(project, template(project, "text-classifier"), Map.of("datasetId", dataset,
                "targetColumn", "label", "text", Map.of("column", "review")),
                Map.of("epochs", 10, "batchSize", 32, "learningRate", 0.001), Duration.ofMinutes(4));
        page.navigate(base() + "/models/" + run + "/try");
        page.locator("[data-testid=text-input] textarea").fill("Excellent, I love it. The best!");
        page.locator("[data-testid=predict]").click();
        assertThat(page.locator("[data-testid=predicted-label]")).hasText("positive");
        page.locator("[data-testid=text-input] textarea").fill("Broken and useless, the worst box");
        page.locator("[data-testid=predict]").click();
        assertThat(page.locator("[data-testid=predicted-label]")).hasText("negative");
    }

    @Test
    void aForecastIsDrawnOnTheRunPageAndFromAPastedWindow() {
        page = newPage(1280, 900, 20_000);
        Accounts.signUp(page, base(), "series");
        String project = api(page).newProject("sequence");
        Random r = new Random(3);
        StringBuilder csv = new StringBuilder("week,sales\n");
        for (int t = 0; t < 300; t++) {
            csv.append(t).append(',').append(String.format(Locale.ROOT, "%.3f",
                    100 + 20 * Math.sin(2 * Math.PI * t / 12) + r.nextGaussian())).append('\n');
        }
        String dataset = api(page).uploadCsv(project, "sales.csv", csv.toString());
        String run = api(page).trainToSuccess(project, template(project, "lstm-forecaster"), Map.of("datasetId", dataset,
                "series", Map.of("columns", List.of("sales"), "seasonLength", 12)),
                Map.of("epochs", 6, "batchSize", 32, "learningRate", 0.01), Duration.ofMinutes(4));
        page.navigate(base() + "/runs/" + run);
        assertThat(page.locator("[data-testid=forecast-errors]")).containsText("naive (last value) RMSE");
        // 60 test steps plus one window before them, and the forecast over the test part
        assertThat(page.locator("[data-testid=forecast] [data-testid=forecast-chart]"))
                .hasAttribute("data-points", String.valueOf(84 + 60));

        page.navigate(base() + "/models/" + run + "/try");
        StringBuilder window = new StringBuilder();
        for (int t = 0; t < 24; t++) {
            window.append(String.format(Locale.ROOT, "%.2f ", 100 + 20 * Math.sin(2 * Math.PI * t / 12)));
        }
        page.locator("[data-testid=text-input] textarea").fill(window.toString());
        page.locator("[data-testid=predict]").click();
        assertThat(page.locator("[data-testid=forecast-chart]")).hasAttribute("data-points", String.valueOf(24 + 7));
    }
}
