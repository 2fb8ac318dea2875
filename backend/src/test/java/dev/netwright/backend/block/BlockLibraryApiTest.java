package dev.netwright.backend.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import dev.netwright.designer.block.BlockBuilder;
import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BlockLibraryApiTest extends ApiTestBase {
    private final DesignJson json = new DesignJson();
    private Api editor;
    private Api viewer;
    private UUID workspace;

    @BeforeEach
    void setUp() {
        editor = newUser("blocks");
        viewer = newUser("blockviewer");
        workspace = workspace(editor, "Blocks");
        addMember(editor, workspace, viewer, "viewer");
    }

    private static BlockDefinition stage(int convs) {
        BlockBuilder b = BlockBuilder.named("my-stage", 1).description(convs + " convolutions and pooling")
                .input("in").param("filters", ParamType.INT, 8, "channels");
        for (int i = 1; i <= convs; i++) {
            b.then("conv" + i, "Conv2D", "filters", "$filters", "kernelSize", 3, "padding", "same");
        }
        return b.then("pool", "MaxPool2D", "poolSize", 2).build();
    }

    private JsonNode tree(BlockDefinition b) {
        return Api.JSON.readTree(json.writeBlock(b));
    }

    private JsonNode designUsing(int version) {
        Design d = DesignBuilder.named("uses my-stage").node("in", "Input", "shape", List.of(3, 8, 8))
                .then("s1", BlockInstance.TYPE, "block", "my-stage", "version", version, "filters", 4)
                .then("flat", "Flatten").then("out", "Dense", "units", 2).build();
        return Api.JSON.readTree(json.write(d));
    }

    private String blocksPath() {
        return "/api/workspaces/" + workspace + "/blocks";
    }

    @Test
    void editorsCreateAndVersionBlocksViewersOnlyRead() {
        Api.Res created = editor.post(blocksPath(), Api.map("block", tree(stage(1)), "message", "first"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        assertThat(created.json().get("definition").get("nodes").size()).isEqualTo(2);

        assertThat(viewer.post(blocksPath(), Api.map("block", tree(stage(2)))).status()).isEqualTo(403);
        assertThat(viewer.post(blocksPath() + "/my-stage/versions",
                Api.map("baseVersion", 1, "block", tree(stage(2)))).status()).isEqualTo(403);
        assertThat(editor.post(blocksPath(), Api.map("block", tree(stage(2)))).status()).isEqualTo(409);

        Api.Res v2 = editor.post(blocksPath() + "/my-stage/versions",
                Api.map("baseVersion", 1, "block", tree(stage(2)), "message", "two convolutions"));
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        assertThat(v2.json().get("version").asInt()).isEqualTo(2);
        Api.Res stale = editor.post(blocksPath() + "/my-stage/versions",
                Api.map("baseVersion", 1, "block", tree(stage(3))));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("latestVersion").asInt()).isEqualTo(2);

        JsonNode list = viewer.get(blocksPath()).json();
        assertThat(list.toString()).contains("\"name\":\"my-stage\",\"latestVersion\":2")
                .contains("\"name\":\"residual-basic\"");
        Api.Res first = viewer.get(blocksPath() + "/my-stage?version=1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("definition").get("nodes").size()).isEqualTo(2);
        assertThat(first.json().get("latestVersion").asInt()).isEqualTo(2);
        assertThat(viewer.get(blocksPath() + "/my-stage?version=9").status()).isEqualTo(404);
        assertThat(newUser("outsider").get(blocksPath()).status()).isEqualTo(404);
    }

    @Test
    void aDesignPinsTheVersionItUsesAndIsOfferedTheNewerOne() {
        assertThat(editor.post(blocksPath(), Api.map("block", tree(stage(1)))).status()).isEqualTo(201);
        UUID project = project(editor, workspace);
        Api.Res d = editor.post("/api/projects/" + project + "/designs", Api.map("name", "d", "design", designUsing(1)));
        assertThat(d.status()).as(d.text()).isEqualTo(201);
        UUID design = UUID.fromString(d.str("designId"));
        JsonNode saved = editor.get("/api/designs/" + design).json();
        assertThat(saved.get("content").get("blocks").get(0).get("name").asString()).isEqualTo("my-stage");
        assertThat(saved.get("analysis").get("valid").asBoolean()).isTrue();
        long params = saved.get("analysis").get("totals").get("totalParams").asLong();
        // conv 3->4 (3x3, bias), then 4x4x4 flattened -> 2
        assertThat(params).isEqualTo(3 * 4 * 9 + 4 + 64 * 2 + 2);
        JsonNode instance = saved.get("analysis").get("blockInstances").get(0);
        assertThat(instance.get("id").asString()).isEqualTo("s1");
        assertThat(instance.get("outputShape").toString()).isEqualTo("[4,4,4]");
        assertThat(instance.get("trainableParams").asLong()).isEqualTo(3 * 4 * 9 + 4);
        assertThat(saved.get("analysis").get("nodes").toString()).contains("\"s1/conv1\"");
        assertThat(viewer.get("/api/designs/" + design + "/block-upgrades").json().isEmpty()).isTrue();

        editor.post(blocksPath() + "/my-stage/versions", Api.map("baseVersion", 1, "block", tree(stage(2))));
        JsonNode offers = viewer.get("/api/designs/" + design + "/block-upgrades").json();
        assertThat(offers.size()).isEqualTo(1);
        assertThat(offers.get(0).get("block").asString()).isEqualTo("my-stage");
        assertThat(offers.get(0).get("pinned").asInt()).isEqualTo(1);
        assertThat(offers.get(0).get("latest").asInt()).isEqualTo(2);
        assertThat(offers.get(0).get("instances").get(0).asString()).isEqualTo("s1");
        // the saved design still means version 1
        assertThat(editor.get("/api/designs/" + design).json().get("analysis").get("totals").get("totalParams")
                .asLong()).isEqualTo(params);

        // another design of the workspace uses version 2 from the shared library
        Api.Res other = editor.post("/api/projects/" + project(editor, workspace) + "/designs",
                Api.map("name", "d2", "design", designUsing(2)));
        assertThat(other.status()).as(other.text()).isEqualTo(201);
        assertThat(other.json().get("analysis").get("totals").get("totalParams").asLong())
                .isEqualTo(params + 4 * 4 * 9 + 4);
    }

    @Test
    void badDefinitionsCyclesAndBuiltInNamesAreRefusedWithTheReason() {
        Api.Res bad = editor.post(blocksPath(), Api.map("block", Api.JSON.readTree(
                "{\"name\":\"x\",\"version\":1,\"inputs\":[],\"output\":\"nope\",\"nodes\":[]}")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("block.inputs").contains("block.output");
        BlockDefinition selfish = BlockBuilder.named("selfish", 1).input("in")
                .then("me", BlockInstance.TYPE, "block", "selfish", "version", 1).build();
        Api.Res cycle = editor.post(blocksPath(), Api.map("block", tree(selfish)));
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.text()).contains("selfish v1 -> selfish v1");
        BlockDefinition clash = BlockBuilder.named("vgg-stage", 1).input("in").then("d", "Dense").build();
        assertThat(editor.post(blocksPath(), Api.map("block", tree(clash))).status()).isEqualTo(409);
        assertThat(editor.post(blocksPath(), Api.map("message", "no block")).status()).isEqualTo(400);
    }
}
