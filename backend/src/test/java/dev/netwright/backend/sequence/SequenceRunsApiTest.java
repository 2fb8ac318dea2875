package dev.netwright.backend.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.Templates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Users' own text and series through the REST API: upload, preview, a run through the queue with the text or series
 * dataset settings, then the prediction API with raw text or a window of raw values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequenceRunsApiTest extends RunTestSupport {
    private Api owner;
    private UUID project;

    @BeforeAll
    void project() {
        owner = newUser("sequence");
        project = project(owner, workspace(owner, "sequence"));
    }

    /** Review texts (words in random order, 1 to 3 of them carry the sentiment) with a label. */
    static byte[] reviews(int rows, long seed) {
        String[] good = {"great", "excellent", "love", "wonderful", "perfect", "best"};
        String[] bad = {"terrible", "awful", "hate", "broken", "worst", "useless"};
        String[] filler = {"the", "product", "it", "was", "and", "this", "delivery", "box", "price", "my", "week"};
        Random r = new Random(seed);
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
            s.append('"').append(String.join(" ", words)).append(", really!\",")
                    .append(positive ? "positive" : "negative").append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Weekly-like sales: trend, a season of 12 steps, noise. */
    static byte[] sales(int steps, long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder("week,sales\n");
        for (int t = 0; t < steps; t++) {
            s.append(t).append(',').append(String.format(Locale.ROOT, "%.3f",
                    100 + 0.05 * t + 20 * Math.sin(2 * Math.PI * t / 12) + r.nextGaussian() * 2)).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private UUID template(String id) {
        var d = Templates.find(id).orElseThrow().design();
        Api.Res r = owner.post("/api/projects/" + project + "/designs",
                Api.map("name", d.name(), "design", Api.JSON.readTree(new DesignJson().write(d))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return UUID.fromString(r.str("designId"));
    }

    @Test
    void aTextCsvIsPreviewedAsTextTrainedThroughTheQueueAndAskedRawText() {
        Api.Res upload = owner.upload("/api/projects/" + project + "/datasets", "reviews.csv", reviews(500, 1));
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        JsonNode review = upload.json().get("summary").get("columns").get(0);
        assertThat(review.get("freeText").asBoolean()).isTrue();
        assertThat(review.get("tokens").get("median").asInt()).isBetween(8, 20);
        assertThat(review.get("tokens").get("max").asInt()).isGreaterThanOrEqualTo(
                review.get("tokens").get("p95").asInt());

        // the transformer template at its default learning rate (Adam's 1e-3), trained well past fitting the data
        UUID run = created(owner.post("/api/projects/" + project + "/runs", Api.map("designId", template(
                "text-classifier"), "dataset", Api.map("datasetId", upload.id(), "targetColumn", "label",
                "text", Api.map("column", "review", "level", "WORD")),
                "config", Api.map("epochs", 10, "batchSize", 32))));
        Api.Res done = awaitStatus(owner, run, Duration.ofSeconds(240), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.str("status")).as(done.text()).isEqualTo("SUCCEEDED");

        Api.Res model = owner.get("/api/models/" + run);
        assertThat(model.str("inputKind")).isEqualTo("TEXT");
        assertThat(model.str("textColumn")).isEqualTo("review");
        Api.Res answer = owner.post("/api/models/" + run + "/predict", Map.of("inputs",
                List.of("I love it, excellent and perfect!", "Terrible, broken and useless. The worst.")));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("predictions").get(0).get("label").asString()).isEqualTo("positive");
        assertThat(answer.json().get("predictions").get(1).get("label").asString()).isEqualTo("negative");
        // a CSV with the text column: each row comes back with the predicted class and probabilities
        Api.Res csv = owner.upload("/api/models/" + run + "/predict-csv", "mine.csv",
                "id,review\n1,\"perfect, I love it\"\n2,awful and broken\n".getBytes(StandardCharsets.UTF_8));
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        List<String> rows = csv.text().lines().toList();
        assertThat(rows.get(0)).isEqualTo("id,review,predicted,p(negative),p(positive)");
        assertThat(rows.get(1)).contains(",positive,");
        assertThat(rows.get(2)).contains(",negative,");
        Api.Res numbers = owner.post("/api/models/" + run + "/predict", Map.of("input", List.of(1, 2, 3)));
        assertThat(numbers.status()).isEqualTo(400);
        assertThat(numbers.text()).contains("expected text");
    }

    @Test
    void aSeriesTrainsThroughTheQueueAndForecastsFromAWindow() {
        Api.Res upload = owner.upload("/api/projects/" + project + "/datasets", "sales.csv", sales(300, 2));
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        UUID run = created(owner.post("/api/projects/" + project + "/runs", Api.map("designId", template(
                "lstm-forecaster"), "dataset", Api.map("datasetId", upload.id(),
                "series", Api.map("columns", List.of("sales"), "seasonLength", 12)),
                "config", Api.map("epochs", 6, "batchSize", 32, "learningRate", 0.01))));
        Api.Res done = awaitStatus(owner, run, Duration.ofSeconds(240), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.str("status")).as(done.text()).isEqualTo("SUCCEEDED");
        Api.Res model = owner.get("/api/models/" + run);
        assertThat(model.str("inputKind")).isEqualTo("SERIES");
        assertThat(model.json().get("horizon").asInt()).isEqualTo(6);
        List<Double> window = new ArrayList<>();
        for (int t = 0; t < 24; t++) {
            window.add(100 + 20 * Math.sin(2 * Math.PI * t / 12));
        }
        Api.Res answer = owner.post("/api/models/" + run + "/predict", Map.of("input", window));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode values = answer.json().get("predictions").get(0).get("values");
        assertThat(values.size()).isEqualTo(6);
        // answered in the series' units, not the scaled ones
        assertThat(values.get(0).asDouble()).isBetween(60.0, 140.0);
    }

    @Test
    void badSequenceSettingsAre400s() {
        Api.Res upload = owner.upload("/api/projects/" + project + "/datasets", "short.csv", sales(20, 3));
        UUID design = template("lstm-forecaster");
        Api.Res horizon0 = owner.post("/api/projects/" + project + "/runs", Api.map("designId", design,
                "dataset", Api.map("datasetId", upload.id(), "series", Api.map("columns", List.of("sales"),
                        "horizon", 0))));
        assertThat(horizon0.status()).as(horizon0.text()).isEqualTo(400);
        assertThat(horizon0.text()).contains("horizon must be at least 1");
        Api.Res builtin = owner.post("/api/projects/" + project + "/runs", Api.map("designId", design,
                "dataset", Api.map("builtin", "iris", "series", Api.map("columns", List.of("sales")))));
        assertThat(builtin.status()).as(builtin.text()).isEqualTo(400);
        assertThat(builtin.text()).contains("uploaded CSV");
        // too short for the design's window: the run fails with the reason, nothing is lost
        UUID run = created(owner.post("/api/projects/" + project + "/runs", Api.map("designId", design,
                "dataset", Api.map("datasetId", upload.id(), "series", Api.map("columns", List.of("sales"))),
                "config", Api.map("epochs", 1))));
        Api.Res failed = awaitStatus(owner, run, Duration.ofSeconds(120), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(failed.str("status")).isEqualTo("FAILED");
        assertThat(failed.text()).contains("longer than the series (20 steps)");
    }
}
