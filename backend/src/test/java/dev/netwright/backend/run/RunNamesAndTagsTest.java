package dev.netwright.backend.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20 item 9: runs have names and tags users can edit (PATCH /api/runs/{id}), checked with clear errors and
 * role rules, and the project's runs list filters by name, tag, status and design and sorts by name or metric; the
 * dataset is described in words.
 */
class RunNamesAndTagsTest extends RunTestSupport {

    @Test
    void runsAreNamedDistinctlyAndEditorsRenameAndTagThemWithinTheLimits() {
        Api owner = newUser("names");
        UUID[] pd = projectWithDesign(owner);
        UUID ws = jdbc.sql("SELECT workspace_id FROM projects WHERE id = ?").param(pd[0]).query(UUID.class).single();
        String parked = uniqueQueue("parked"); // nobody claims it: the runs stay queued
        UUID first = created(createRun(owner, pd[0], pd[1], parked, 0, 1, 50));
        UUID second = created(createRun(owner, pd[0], pd[1], parked, 0, 1, 50));
        assertThat(owner.get("/api/runs/" + first).str("name")).isEqualTo("mlp v1 · run 1");
        assertThat(owner.get("/api/runs/" + second).str("name")).isEqualTo("mlp v1 · run 2");
        assertThat(owner.get("/api/runs/" + first).json().get("tags")).isEmpty();
        assertThat(owner.get("/api/runs/" + first).str("datasetSummary")).isEqualTo("Two moons · 50 rows");

        Api.Res renamed = owner.patch("/api/runs/" + first, Api.map("name", "  Baseline, small lr ",
                "tags", List.of("Baseline", "lr-0.001", "baseline")));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.str("name")).isEqualTo("Baseline, small lr");
        assertThat(texts(renamed.json().get("tags"))).as("lower case, once each").containsExactly("baseline",
                "lr-0.001");
        Api.Res tagOnly = owner.patch("/api/runs/" + first, Api.map("tags", List.of("baseline", "keep")));
        assertThat(tagOnly.str("name")).as("a field left out stays").isEqualTo("Baseline, small lr");
        assertThat(texts(tagOnly.json().get("tags"))).containsExactly("baseline", "keep");

        refused(owner, first, Api.map("name", "   "), "'name' must not be empty");
        refused(owner, first, Api.map("name", "x".repeat(101)), "'name' must be at most 100 characters, got 101");
        refused(owner, first, Api.map("name", "two\nlines"), "'name' must not contain control characters");
        refused(owner, first, Api.map("tags", List.of("ok", "has space")),
                "'tags[1]' ('has space') may hold only letters, digits and . _ -");
        refused(owner, first, Api.map("tags", List.of("-lead")), "must start with a letter or digit");
        refused(owner, first, Api.map("tags", List.of("t".repeat(33))), "must be at most 32 characters");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("t" + i);
        }
        refused(owner, first, Api.map("tags", eleven), "'tags' may hold at most 10 tags, got 11");
        refused(owner, first, Api.map(), "send 'name' and/or 'tags'");
        Api.Res unchanged = owner.get("/api/runs/" + first);
        assertThat(unchanged.str("name")).as("nothing wrong is stored").isEqualTo("Baseline, small lr");
        assertThat(texts(unchanged.json().get("tags"))).containsExactly("baseline", "keep");

        Api viewer = newUser("viewer");
        addMember(owner, ws, viewer, "viewer");
        assertThat(viewer.get("/api/runs/" + first).str("name")).isEqualTo("Baseline, small lr");
        assertThat(viewer.patch("/api/runs/" + first, Api.map("name", "mine")).status()).isEqualTo(403);
        Api editor = newUser("editor");
        addMember(owner, ws, editor, "editor");
        assertThat(editor.patch("/api/runs/" + second, Api.map("tags", List.of("candidate"))).status())
                .isEqualTo(200);
        Api outsider = newUser("outsider");
        assertThat(outsider.patch("/api/runs/" + first, Api.map("name", "mine")).status()).isEqualTo(404);
        assertThat(outsider.get("/api/projects/" + pd[0] + "/run-tags").status()).isEqualTo(404);
        assertThat(new Api(port).patch("/api/runs/" + first, Api.map("name", "mine")).status()).isEqualTo(401);
        assertThat(owner.get("/api/runs/" + first).str("name")).isEqualTo("Baseline, small lr");

        // filters and order on the project's list
        String runs = "/api/projects/" + pd[0] + "/runs";
        assertThat(ids(owner.get(runs + "?tag=Baseline"))).containsExactly(first.toString());
        assertThat(ids(owner.get(runs + "?tag=candidate"))).containsExactly(second.toString());
        assertThat(ids(owner.get(runs + "?name=SMALL%20LR"))).containsExactly(first.toString());
        assertThat(ids(owner.get(runs + "?name=run%202&status=queued"))).containsExactly(second.toString());
        assertThat(ids(owner.get(runs + "?status=succeeded"))).isEmpty();
        assertThat(ids(owner.get(runs + "?designId=" + pd[1]))).hasSize(2);
        assertThat(ids(owner.get(runs + "?designId=" + UUID.randomUUID()))).isEmpty();
        assertThat(ids(owner.get(runs))).as("newest first").containsExactly(second.toString(), first.toString());
        assertThat(ids(owner.get(runs + "?sort=oldest"))).containsExactly(first.toString(), second.toString());
        assertThat(ids(owner.get(runs + "?sort=name"))).as("'Baseline...' before 'mlp...'")
                .containsExactly(first.toString(), second.toString());
        Api.Res badSort = owner.get(runs + "?sort=sideways");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.text()).contains("'sort' must be one of newest, oldest, name, accuracy, loss, rmse");
        Api.Res badTag = owner.get(runs + "?tag=a%20b");
        assertThat(badTag.status()).isEqualTo(400);
        assertThat(badTag.text()).contains("'tag' ('a b') may hold only");
        assertThat(texts(owner.get("/api/projects/" + pd[0] + "/run-tags").json()))
                .containsExactlyInAnyOrder("baseline", "keep", "candidate");
    }

    @Test
    void metricSortPutsTheBestTrainedRunFirstAndUploadsAreDescribedInWords() {
        Api owner = newUser("sorter");
        UUID[] pd = projectWithDesign(owner);
        // two real runs that learn differently, and one that never trains (no accuracy: last)
        UUID slow = created(owner.post("/api/projects/" + pd[0] + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons", "limit", 200),
                "config", Api.map("epochs", 1, "batchSize", 32, "learningRate", 0.00001))));
        UUID fast = created(owner.post("/api/projects/" + pd[0] + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons", "limit", 200),
                "config", Api.map("epochs", 6, "batchSize", 16, "learningRate", 0.05))));
        UUID parked = created(createRun(owner, pd[0], pd[1], uniqueQueue("parked"), 0, 1, 50));
        double[] accuracy = new double[2];
        int i = 0;
        for (UUID run : List.of(slow, fast)) {
            Api.Res done = awaitStatus(owner, run, Duration.ofSeconds(120), "SUCCEEDED", "FAILED", "CANCELLED");
            assertThat(done.str("status")).as(done.text()).isEqualTo("SUCCEEDED");
            accuracy[i++] = done.json().get("finalMetrics").get("test").get("accuracy").asDouble();
        }
        assertThat(accuracy[1]).as("6 epochs at 0.05 beat 1 epoch at 0.00001").isGreaterThan(accuracy[0]);
        String runs = "/api/projects/" + pd[0] + "/runs";
        assertThat(ids(owner.get(runs + "?sort=accuracy"))).containsExactly(fast.toString(), slow.toString(),
                parked.toString());
        List<String> byLoss = ids(owner.get(runs + "?sort=loss"));
        assertThat(byLoss.getLast()).as("no test loss: last").isEqualTo(parked.toString());

        StringBuilder csv = new StringBuilder("a,b,label\n");
        Random r = new Random(3);
        for (int k = 0; k < 60; k++) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", a, b, a > b ? "up" : "down"));
        }
        Api.Res upload = owner.upload("/api/projects/" + pd[0] + "/datasets", "points.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        Api.Res onUpload = owner.post(runs, Api.map("designId", pd[1],
                "dataset", Api.map("datasetId", upload.id(), "targetColumn", "label"),
                "queue", uniqueQueue("parked")));
        assertThat(onUpload.status()).as(onUpload.text()).isEqualTo(201);
        assertThat(onUpload.str("datasetSummary")).isEqualTo("Uploaded points.csv · 60 rows → label");
    }

    @Test
    void theOpenApiDocumentDescribesRenamingAndTheRunsNameAndTags() {
        Api.Res spec = new Api(port).get("/api/docs/openapi.json");
        assertThat(spec.status()).isEqualTo(200);
        JsonNode paths = spec.json().get("paths");
        assertThat(paths.get("/api/runs/{id}").has("patch")).isTrue();
        JsonNode view = spec.json().get("components").get("schemas").get("RunView").get("properties");
        assertThat(view.has("name")).isTrue();
        assertThat(view.get("tags").get("type").asString()).isEqualTo("array");
        assertThat(view.has("datasetSummary")).isTrue();
        JsonNode update = spec.json().get("components").get("schemas").get("RunUpdate").get("properties");
        assertThat(update.has("name")).isTrue();
        assertThat(update.has("tags")).isTrue();
        List<String> listParams = new ArrayList<>();
        paths.get("/api/projects/{projectId}/runs").get("get").get("parameters")
                .forEach(p -> listParams.add(p.get("name").asString()));
        assertThat(listParams).contains("status", "name", "tag", "designId", "sort");
    }

    private static void refused(Api api, UUID run, Object body, String message) {
        Api.Res r = api.patch("/api/runs/" + run, body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.text()).contains(message);
    }

    private static List<String> ids(Api.Res page) {
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(n -> ids.add(n.get("id").asString()));
        return Collections.unmodifiableList(ids);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
