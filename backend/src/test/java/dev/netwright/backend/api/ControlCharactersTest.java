package dev.netwright.backend.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Control characters in any text field are a 400 naming the field, never a 500, and nothing is stored. */
class ControlCharactersTest extends ApiTestBase {

    @Test
    void controlCharactersInTextFieldsAreA400NamingTheField() {
        Api user = newUser("ctl");
        UUID ws = workspace(user, "Control");
        UUID project = project(user, ws);
        UUID design = UUID.fromString(user.post("/api/projects/" + project + "/designs",
                Api.map("templateId", "lenet-cnn")).str("designId"));

        // typed record field (was a 500: PostgreSQL cannot store NUL)
        expect400(user.send("PATCH", "/api/designs/" + design, "application/json",
                "{\"name\":\"\\u0000x\"}".getBytes(StandardCharsets.UTF_8)), "name", "U+0000");
        expect400(user.post("/api/workspaces", "{\"name\":\"bell\\u0007\"}"), "name", "U+0007");
        expect400(user.post("/api/workspaces/" + ws + "/projects", "{\"name\":\"p\",\"description\":\"\\u001b[31m\"}"),
                "description", "U+001B");
        // a free-form JSON document (a design): the JSON path of the field
        String doc = user.get("/api/designs/" + design + "/export").text();
        String poisoned = doc.replaceFirst("\"name\"\\s*:\\s*\"", "\"name\":\"\\\\u0000");
        assertThat(poisoned).isNotEqualTo(doc);
        expect400(user.post("/api/projects/" + project + "/designs/import", poisoned), "name", "U+0000");
        // a query or form parameter
        Api.Res upload = user.upload("/api/projects/" + project + "/datasets?name=a%00b", "x.csv",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        expect400(upload, "name", "U+0000");
        // line breaks and tabs are text, not control characters
        Api.Res multiLine = user.send("PATCH", "/api/projects/" + project, "application/json",
                "{\"description\":\"line one\\nline\\ttwo\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(multiLine.status()).as(multiLine.text()).isEqualTo(200);

        // nothing was stored by the refused requests
        assertThat(user.get("/api/designs/" + design).json().get("design").get("name").asString())
                .doesNotContain("\u0000");
        assertThat(jdbc.sql("SELECT count(*) FROM datasets WHERE project_id = ?").param(project)
                .query(Long.class).single()).isZero();
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.netwright.backend.workspace.WorkspaceService workspaces;
    @org.springframework.beans.factory.annotation.Autowired
    dev.netwright.backend.design.DesignService designs;
    @org.springframework.beans.factory.annotation.Autowired
    dev.netwright.backend.workspace.ProjectService projects;
    @org.springframework.beans.factory.annotation.Autowired
    dev.netwright.backend.security.UserAccounts accounts;

    /** The web UI calls the services directly (no HTTP request to check): they refuse such names themselves. */
    @Test
    void theServicesBehindTheWebUiRefuseControlCharactersToo() {
        var user = accounts.find(username(newUser("ui-ctl"))).orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workspaces.create(user, "pasted\u0000name"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("'name'").contains("U+0000");
                });
        UUID ws = workspaces.create(user, "fine").id();
        UUID project = projects.create(user, ws, "p", "").id();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> designs.create(user, project, "x\u0000",
                new dev.netwright.backend.design.DesignService.Source.FromTemplate("lenet-cnn"), "m"))
                .isInstanceOf(ApiException.class).hasMessageContaining("'name'");
    }

    @Test
    void theRuleAllowsTextAndRefusesControlCharactersAndBrokenSurrogates() {
        assertThat(ControlCharacters.problem("Grüße, 猫 😀\ttab\r\nline")).isNull();
        assertThat(ControlCharacters.problem("a\u0000")).contains("U+0000").contains("position 2");
        assertThat(ControlCharacters.problem("\u0085")).contains("U+0085");
        assertThat(ControlCharacters.problem("x\ud800y")).contains("surrogate");
    }

    private static void expect400(Api.Res r, String field, String reason) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("problem+json");
        assertThat(r.str("detail")).as(r.text()).contains("'" + field + "'").contains(reason);
        assertThat(r.json().get("errors").get(0).get("path").asString()).isEqualTo(field);
    }
}
