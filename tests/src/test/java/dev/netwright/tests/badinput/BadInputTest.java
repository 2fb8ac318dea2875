package dev.netwright.tests.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Malformed or mistyped requests get a 4xx problem detail that says what is wrong, never a 500. */
class BadInputTest extends ApiTestBase {

    @Test
    void malformedAndMistypedRequestsAreClear4xx() {
        Api user = newUser("bad");
        UUID ws = workspace(user, "Bad input");
        UUID project = project(user, ws);
        UUID design = UUID.fromString(user.post("/api/projects/" + project + "/designs",
                Api.map("templateId", "lenet-cnn")).str("designId"));

        record Case(String method, String path, String body, int status, String detailContains) {
        }
        Case[] cases = {
            new Case("POST", "/api/workspaces", "{\"name\":", 400, "not valid JSON"),
            new Case("POST", "/api/workspaces", "[1,2]", 400, "not valid JSON"),
            new Case("POST", "/api/workspaces", "{}", 400, "'name'"),
            new Case("POST", "/api/workspaces", "{\"name\":\"" + "x".repeat(101) + "\"}", 400, "'name'"),
            new Case("GET", "/api/workspaces/not-a-uuid", null, 400, "not-a-uuid"),
            new Case("GET", "/api/designs/" + design + "/diff?from=a&to=1", null, 400, "'from'"),
            new Case("GET", "/api/designs/" + design + "/diff?from=1&to=99", null, 404, "version 99"),
            new Case("GET", "/api/designs/" + design + "/versions?size=many", null, 400, "'size'"),
            new Case("POST", "/api/designs/" + design + "/versions", "{\"baseVersion\":\"one\"}", 400, "JSON"),
            new Case("POST", "/api/designs/" + design + "/versions", "{\"baseVersion\":1,\"design\":\"text\"}", 400,
                    "netwright-design/1"),
            new Case("POST", "/api/projects/" + project + "/designs", "{\"templateId\":\"lenet-cnn\",\"design\":{}}",
                    400, "not both"),
            new Case("PUT", "/api/workspaces/" + ws + "/members/" + UUID.randomUUID(), "{\"role\":\"boss\"}", 400,
                    "owner, editor, viewer"),
            new Case("PUT", "/api/workspaces/" + ws + "/members/" + UUID.randomUUID(), "{\"role\":\"viewer\"}", 404,
                    "member"),
            new Case("POST", "/api/projects/" + project + "/datasets", "{}", 415, ""),
            new Case("POST", "/api/tokens", "{\"name\":\"t\",\"expiresInDays\":0}", 400, "expiresInDays"),
            new Case("POST", "/api/analyze", "", 400, "missing"),
        };
        for (Case c : cases) {
            Api.Res r = switch (c.method()) {
                case "GET" -> user.get(c.path());
                case "PUT" -> user.put(c.path(), Api.JSON.readTree(c.body()));
                default -> user.post(c.path(), c.body());
            };
            assertThat(r.status()).as(c.method() + " " + c.path() + " " + c.body() + " -> " + r.text())
                    .isEqualTo(c.status());
            assertThat(r.header("Content-Type")).as(c.path()).contains("application/problem+json");
            assertThat(r.str("detail")).as(c.path()).contains(c.detailContains());
        }
        // Nothing was half-written by the refused requests.
        assertThat(user.get("/api/designs/" + design).json().get("design").get("latestVersion").asInt()).isEqualTo(1);
    }
}
