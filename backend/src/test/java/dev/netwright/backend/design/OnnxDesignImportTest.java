package dev.netwright.backend.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Importing an ONNX file through the API: a new design whose first version carries the file's weights (downloadable
 * as a saved model), or a 400 listing every unsupported operator and no design at all.
 */
class OnnxDesignImportTest extends RunTestSupport {
    private Api editor;
    private UUID project;

    @BeforeEach
    void setUp() {
        editor = newUser("importer");
        project = project(editor, workspace(editor, "Imports"));
    }

    @Test
    void anOnnxFileBecomesADesignWhoseFirstVersionCarriesItsWeights() throws Exception {
        Api.Res r = editor.upload("/api/projects/" + project + "/designs/import-onnx", "tiny-mlp.onnx", TinyOnnx.mlp(false));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("trainableParams").asLong()).isEqualTo(2 * 3 + 3 + 3 * 2 + 2);
        UUID design = UUID.fromString(r.json().get("saved").get("designId").asString());

        Api.Res detail = editor.get("/api/designs/" + design);
        assertThat(detail.json().get("design").get("name").asString()).isEqualTo("tiny-mlp");
        assertThat(detail.json().get("analysis").get("valid").asBoolean()).isTrue();
        assertThat(detail.json().get("content").get("nodes").toString()).contains("\"hidden\"", "\"relu\"",
                "\"Dense\"");

        HttpResponse<byte[]> zip = editor.getBytes("/api/designs/" + design + "/versions/1/weights");
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("model.json", "design.json").anyMatch(n -> n.startsWith("weights/"));

        // a run of the imported design starts from its weights
        Api.Res run = editor.post("/api/projects/" + project + "/runs", Api.map("designId", design,
                "dataset", Api.map("builtin", "moons", "limit", 100),
                "config", Api.map("epochs", 1, "batchSize", 32, "learningRate", 0.01)));
        UUID runId = created(run);
        Api.Res done = awaitStatus(editor, runId, Duration.ofSeconds(120), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.str("status")).as(done.text()).isEqualTo("SUCCEEDED");
        assertThat(editor.get("/api/runs/" + runId + "/metrics?kind=message").text())
                .contains("warm start from").contains("copied [hidden, out]");

        Api.Res template = editor.post("/api/projects/" + project + "/designs", Api.map("templateId", "lenet-cnn"));
        assertThat(editor.getBytes("/api/designs/" + template.str("designId") + "/versions/1/weights").statusCode())
                .as("a design drawn on the canvas carries no weights").isEqualTo(204);
    }

    @Test
    void anUnsupportedFileIs400ListingItsOperatorsAndCreatesNothing() throws Exception {
        int before = editor.get("/api/projects/" + project + "/designs").json().get("items").size();
        Api.Res r = editor.upload("/api/projects/" + project + "/designs/import-onnx", "odd.onnx", TinyOnnx.mlp(true));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.str("detail")).contains("odd.onnx", "Erf (1 node: odd_erf)", "nothing was imported");
        assertThat(r.json().get("unsupported").has("Erf")).isTrue();
        Api.Res junk = editor.upload("/api/projects/" + project + "/designs/import-onnx", "junk.onnx",
                "not onnx".getBytes());
        assertThat(junk.status()).isEqualTo(400);
        assertThat(junk.str("detail")).contains("not an ONNX model");
        assertThat(editor.get("/api/projects/" + project + "/designs").json().get("items").size()).isEqualTo(before);
    }
}
