package dev.netwright.backend.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DesignVersioningTest extends ApiTestBase {
    private Api editor;
    private UUID project;

    @BeforeEach
    void setUp() {
        editor = newUser("designer");
        project = project(editor, workspace(editor, "Designs"));
    }

    private UUID createFromTemplate(String template) {
        Api.Res r = editor.post("/api/projects/" + project + "/designs", Api.map("templateId", template));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return UUID.fromString(r.str("designId"));
    }

    /** The latest content with the units of node {@code nodeId} set. */
    private ObjectNode withUnits(UUID design, String nodeId, int units) {
        ObjectNode content = (ObjectNode) editor.get("/api/designs/" + design).json().get("content").deepCopy();
        for (JsonNode n : content.get("nodes")) {
            if (n.get("id").asString().equals(nodeId)) {
                ((ObjectNode) n.get("params")).put("units", units);
            }
        }
        return content;
    }

    private Api.Res save(UUID design, int base, JsonNode content, String message) {
        return editor.post("/api/designs/" + design + "/versions",
                Api.map("baseVersion", base, "design", content, "message", message));
    }

    @Test
    void everySaveIsANewVersionAndAStaleSaveGets409WithTheCurrentVersion() {
        UUID design = createFromTemplate("mlp-fashion-mnist");
        Api.Res first = editor.get("/api/designs/" + design);
        assertThat(first.json().get("version").get("number").asInt()).isEqualTo(1);
        assertThat(first.json().get("analysis").get("valid").asBoolean()).isTrue();

        Api.Res v2 = save(design, 1, withUnits(design, "hidden1", 256), "wider");
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        assertThat(v2.json().get("version").get("number").asInt()).isEqualTo(2);
        assertThat(v2.json().get("version").get("author").asString()).isEqualTo(username(editor));
        assertThat(v2.json().get("version").get("message").asString()).isEqualTo("wider");

        // A second client still on version 1 saves: refused, and told what the current version is.
        Api.Res stale = save(design, 1, withUnits(design, "hidden1", 32), "narrower");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("currentVersion").get("number").asInt()).isEqualTo(2);
        assertThat(stale.json().get("currentContent").toString()).contains("256");
        assertThat(stale.str("detail")).contains("baseVersion 2");

        // Nothing was overwritten: version 2 still has 256 units and there is no version 3.
        List<JsonNode> history = new ArrayList<>();
        editor.get("/api/designs/" + design + "/versions").json().get("items").forEach(history::add);
        assertThat(history).extracting(h -> h.get("number").asInt()).containsExactly(2, 1);
        assertThat(editor.get("/api/designs/" + design + "/versions/2").json().get("content").toString())
                .contains("\"units\":256");
    }

    @org.springframework.beans.factory.annotation.Autowired
    DesignVersionFeed versionFeed;

    @Test
    void everyOpenEditorHearsOfAVersionSavedThroughTheApiButNotOfARefusedSave() throws Exception {
        UUID design = createFromTemplate("mlp-fashion-mnist");
        java.util.concurrent.BlockingQueue<DesignVersionFeed.VersionSaved> heard =
                new java.util.concurrent.LinkedBlockingQueue<>();
        // the creation of version 1 may still be on its way to the listener: only later versions count here
        try (DesignVersionFeed.Subscription ignored = versionFeed.subscribe(design, e -> {
            if (e.version() > 1) {
                heard.add(e);
            }
        })) {
            assertThat(save(design, 1, withUnits(design, "hidden1", 64), "narrower").status()).isEqualTo(201);
            DesignVersionFeed.VersionSaved saved = heard.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(saved).isEqualTo(new DesignVersionFeed.VersionSaved(design, 2, username(editor), "narrower"));

            assertThat(save(design, 1, withUnits(design, "hidden1", 8), "stale").status()).isEqualTo(409);
            assertThat(editor.post("/api/designs/" + design + "/versions/1/restore", Api.map()).status())
                    .isEqualTo(201);
            DesignVersionFeed.VersionSaved restored = heard.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(restored.version()).as("the refused save announced nothing").isEqualTo(3);
        }
    }

    @Test
    void diffRestoreAndExport() {
        UUID design = createFromTemplate("mlp-fashion-mnist");
        assertThat(save(design, 1, withUnits(design, "hidden2", 99), "tweak").status()).isEqualTo(201);

        Api.Res diff = editor.get("/api/designs/" + design + "/diff?from=1&to=2");
        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.json().get("affectsNetwork").asBoolean()).isTrue();
        JsonNode changed = diff.json().get("changes").get("nodesChanged");
        assertThat(changed.size()).isEqualTo(1);
        assertThat(changed.get(0).get("nodeId").asString()).isEqualTo("hidden2");
        JsonNode param = changed.get(0).get("params").get(0);
        assertThat(param.get("name").asString()).isEqualTo("units");
        assertThat(param.get("before").asInt()).isEqualTo(64);
        assertThat(param.get("after").asInt()).isEqualTo(99);
        assertThat(diff.json().get("changes").get("nodesAdded").size()).isZero();

        Api.Res restored = editor.post("/api/designs/" + design + "/versions/1/restore", Api.map("baseVersion", 2));
        assertThat(restored.status()).as(restored.text()).isEqualTo(201);
        assertThat(restored.json().get("version").get("number").asInt()).isEqualTo(3);
        assertThat(restored.json().get("version").get("restoredFrom").asInt()).isEqualTo(1);
        assertThat(editor.get("/api/designs/" + design + "/diff?from=1&to=3").json().get("changes")
                .get("nodesChanged").size()).isZero();
        assertThat(editor.post("/api/designs/" + design + "/versions/1/restore", Api.map("baseVersion", 2))
                .status()).isEqualTo(409);

        Api.Res export = editor.get("/api/designs/" + design + "/export?version=1");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).contains("attachment").contains("-v1.netwright.json");
        assertThat(export.text()).isEqualTo(new DesignJson().write(
                Templates.find("mlp-fashion-mnist").orElseThrow().design()));

        Api.Res code = editor.get("/api/designs/" + design + "/pytorch?version=1");
        assertThat(code.status()).isEqualTo(200);
        assertThat(code.header("Content-Disposition")).contains("attachment").contains("_v1.py");
        assertThat(code.text()).contains("class MLPForFashionMNIST(nn.Module):", "self.hidden1 = nn.Linear(784,",
                "def build():");
    }

    @Test
    void formatErrorsAre400WithPathsAndGraphProblemsAreSavedAsDrafts() {
        UUID design = createFromTemplate("lenet-cnn");
        String broken = "{\"format\":\"netwright-design/1\",\"name\":\"b\",\"nodes\":[{\"id\":\"a\",\"type\":\"NoSuchLayer\"}],"
                + "\"edges\":[]}";
        Api.Res bad = editor.post("/api/designs/" + design + "/versions",
                "{\"baseVersion\":1,\"design\":" + broken + "}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("path").asString()).startsWith("$.nodes[0]");
        assertThat(bad.str("detail")).contains("$.nodes[0]");
        assertThat(editor.get("/api/designs/" + design).json().get("design").get("latestVersion").asInt())
                .isEqualTo(1);

        Api.Res malformed = editor.post("/api/designs/" + design + "/versions", "{\"baseVersion\":1,\"design\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.str("detail")).contains("not valid JSON");

        // A dense layer without an input is a graph problem, not a format problem: saved as a draft.
        String draft = "{\"format\":\"netwright-design/1\",\"name\":\"d\",\"nodes\":[{\"id\":\"d1\",\"type\":\"Dense\","
                + "\"params\":{\"units\":4}}],\"edges\":[]}";
        Api.Res saved = editor.post("/api/designs/" + design + "/versions",
                "{\"baseVersion\":1,\"design\":" + draft + ",\"message\":\"wip\"}");
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        assertThat(saved.json().get("version").get("valid").asBoolean()).isFalse();
        assertThat(saved.json().get("analysis").get("errorCount").asInt()).isPositive();
        assertThat(saved.json().get("analysis").get("problems").get(0).get("message").asString()).isNotBlank();

        Api.Res missingBase = editor.post("/api/designs/" + design + "/versions", "{\"design\":" + draft + "}");
        assertThat(missingBase.status()).isEqualTo(400);
        assertThat(missingBase.str("detail")).contains("baseVersion");
        Api.Res draftCode = editor.get("/api/designs/" + design + "/pytorch");
        assertThat(draftCode.status()).isEqualTo(400);
        assertThat(draftCode.str("detail")).contains("has problems");
    }

    @Test
    void analyzeUnsavedDesignImportRenameAndSoftDelete() {
        String lenet = new DesignJson().write(Templates.find("lenet-cnn").orElseThrow().design());
        Api.Res analysis = editor.post("/api/analyze", lenet);
        assertThat(analysis.status()).isEqualTo(200);
        assertThat(analysis.json().get("valid").asBoolean()).isTrue();
        assertThat(analysis.json().get("totals").get("trainableParams").asLong()).isPositive();
        JsonNode conv1 = analysis.json().get("nodes").get(1);
        assertThat(conv1.get("id").asString()).isEqualTo("conv1");
        assertThat(conv1.get("outputShape").toString()).isEqualTo("[6,28,28]");
        assertThat(editor.post("/api/analyze", "{\"format\":\"netwright-design/9\"}").status()).isEqualTo(400);

        Api.Res imported = editor.post("/api/projects/" + project + "/designs/import?name=Imported", lenet);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        UUID id = UUID.fromString(imported.str("designId"));
        assertThat(editor.get("/api/designs/" + id).json().get("design").get("name").asString()).isEqualTo("Imported");

        assertThat(editor.patch("/api/designs/" + id, Api.map("name", "Renamed")).json().get("name").asString())
                .isEqualTo("Renamed");
        assertThat(editor.get("/api/projects/" + project + "/designs").json().get("items").findValuesAsString("name"))
                .contains("Renamed");
        assertThat(editor.delete("/api/designs/" + id).status()).isEqualTo(204);
        assertThat(editor.get("/api/designs/" + id).status()).isEqualTo(404);
        assertThat(editor.get("/api/projects/" + project + "/designs").json().get("items").findValuesAsString("name"))
                .doesNotContain("Renamed");
        assertThat(jdbc.sql("SELECT count(*) FROM design_versions WHERE design_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(editor.post("/api/projects/" + project + "/designs", Api.map("templateId", "nope")).status())
                .isEqualTo(400);
    }

    @Test
    void versionsCannotBeUpdatedInTheDatabase() {
        UUID design = createFromTemplate("lenet-cnn");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                jdbc.sql("UPDATE design_versions SET message = 'x' WHERE design_id = ?").param(design).update())
                .hasMessageContaining("immutable");
    }
}
