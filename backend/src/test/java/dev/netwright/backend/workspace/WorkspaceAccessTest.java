package dev.netwright.backend.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspaceAccessTest extends ApiTestBase {
    private static final String EMPTY = "{\"format\":\"netwright-design/1\",\"name\":\"n\",\"nodes\":[],\"edges\":[]}";

    @Test
    void nonMembersGet404ForEverythingInAWorkspace() {
        Api owner = newUser("owner");
        UUID ws = workspace(owner, "Team A");
        UUID project = project(owner, ws);
        UUID design = owner.post("/api/projects/" + project + "/designs", Api.map("templateId", "lenet-cnn")).json()
                .get("designId").asString().transform(UUID::fromString);

        Api outsider = newUser("outsider");
        assertThat(outsider.get("/api/workspaces/" + ws).status()).isEqualTo(404);
        assertThat(outsider.get("/api/workspaces/" + ws + "/members").status()).isEqualTo(404);
        assertThat(outsider.get("/api/workspaces/" + ws + "/projects").status()).isEqualTo(404);
        assertThat(outsider.get("/api/projects/" + project).status()).isEqualTo(404);
        assertThat(outsider.get("/api/projects/" + project + "/designs").status()).isEqualTo(404);
        assertThat(outsider.get("/api/designs/" + design).status()).isEqualTo(404);
        assertThat(outsider.get("/api/designs/" + design + "/versions").status()).isEqualTo(404);
        assertThat(outsider.post("/api/designs/" + design + "/versions",
                "{\"baseVersion\":1,\"design\":" + EMPTY + "}").status()).isEqualTo(404);
        assertThat(outsider.delete("/api/designs/" + design).status()).isEqualTo(404);
        assertThat(outsider.post("/api/workspaces/" + ws + "/projects", Api.map("name", "x")).status())
                .isEqualTo(404);
        // The answer is the same as for an id that does not exist at all.
        Api.Res missing = outsider.get("/api/designs/" + UUID.randomUUID());
        Api.Res foreign = outsider.get("/api/designs/" + design);
        assertThat(foreign.status()).isEqualTo(missing.status());
        assertThat(outsider.get("/api/workspaces").json().get("items").size()).isZero();
        // Nothing changed.
        assertThat(owner.get("/api/designs/" + design).json().get("design").get("latestVersion").asInt()).isEqualTo(1);
    }

    @Test
    void viewersReadButCannotWriteEditorsWriteButCannotManage() {
        Api owner = newUser("owner");
        UUID ws = workspace(owner, "Team B");
        UUID project = project(owner, ws);
        UUID design = owner.post("/api/projects/" + project + "/designs", Api.map("templateId", "lenet-cnn")).json()
                .get("designId").asString().transform(UUID::fromString);

        Api viewer = newUser("viewer");
        addMember(owner, ws, viewer, "viewer");
        assertThat(viewer.get("/api/workspaces/" + ws).str("role")).isEqualTo("VIEWER");
        assertThat(viewer.get("/api/designs/" + design).status()).isEqualTo(200);
        assertThat(viewer.get("/api/projects/" + project + "/designs").json().get("items").size()).isEqualTo(1);
        Api.Res save = viewer.post("/api/designs/" + design + "/versions",
                "{\"baseVersion\":1,\"design\":" + EMPTY + "}");
        assertThat(save.status()).isEqualTo(403);
        assertThat(save.str("detail")).contains("viewer").contains("editor");
        assertThat(viewer.post("/api/workspaces/" + ws + "/projects", Api.map("name", "x")).status()).isEqualTo(403);
        assertThat(viewer.patch("/api/designs/" + design, Api.map("name", "x")).status()).isEqualTo(403);
        assertThat(viewer.delete("/api/designs/" + design).status()).isEqualTo(403);
        assertThat(viewer.get("/api/workspaces/" + ws + "/audit").status()).isEqualTo(403);

        Api editor = newUser("editor");
        addMember(owner, ws, editor, "editor");
        assertThat(editor.post("/api/designs/" + design + "/versions",
                "{\"baseVersion\":1,\"design\":" + EMPTY + "}").status()).isEqualTo(201);
        assertThat(editor.post("/api/workspaces/" + ws + "/projects", Api.map("name", "mine")).status())
                .isEqualTo(201);
        assertThat(editor.post("/api/workspaces/" + ws + "/invitations", Api.map("user", "someone")).status())
                .isEqualTo(403);
        assertThat(editor.delete("/api/projects/" + project).status()).isEqualTo(403);

        // Owners promote; the promoted viewer can now write.
        UUID viewerId = viewer.get("/api/auth/me").id();
        assertThat(owner.put("/api/workspaces/" + ws + "/members/" + viewerId, Api.map("role", "editor")).status())
                .isEqualTo(204);
        assertThat(viewer.patch("/api/designs/" + design, Api.map("name", "renamed")).status()).isEqualTo(200);
    }

    @Test
    void invitationsBelongToTheInviteeAndTheLastOwnerCannotLeave() {
        Api owner = newUser("owner");
        UUID ws = workspace(owner, "Team C");
        Api invitee = newUser("invitee");
        Api other = newUser("other");

        Api.Res inv = owner.post("/api/workspaces/" + ws + "/invitations",
                Api.map("user", username(invitee) + "@example.org", "role", "editor"));
        assertThat(inv.status()).isEqualTo(201);
        assertThat(invitee.get("/api/invitations").json().get("items").findValuesAsString("workspaceName")).contains("Team C");
        assertThat(other.post("/api/invitations/" + inv.id() + "/accept", "").status()).isEqualTo(404);
        assertThat(other.get("/api/workspaces/" + ws).status()).isEqualTo(404);
        assertThat(owner.post("/api/workspaces/" + ws + "/invitations", Api.map("user", "no-such-user-xyz"))
                .status()).isEqualTo(404);
        assertThat(owner.post("/api/workspaces/" + ws + "/invitations",
                Api.map("user", username(other), "role", "admin")).status()).isEqualTo(400);

        assertThat(invitee.post("/api/invitations/" + inv.id() + "/accept", "").status()).isEqualTo(200);
        assertThat(invitee.get("/api/workspaces/" + ws).str("role")).isEqualTo("EDITOR");
        assertThat(invitee.post("/api/invitations/" + inv.id() + "/accept", "").status()).isEqualTo(404);

        UUID ownerId = owner.get("/api/auth/me").id();
        Api.Res leave = owner.delete("/api/workspaces/" + ws + "/members/" + ownerId);
        assertThat(leave.status()).isEqualTo(409);
        assertThat(leave.str("detail")).contains("at least one owner");
        UUID inviteeId = invitee.get("/api/auth/me").id();
        assertThat(invitee.delete("/api/workspaces/" + ws + "/members/" + inviteeId).status()).isEqualTo(204);
        assertThat(invitee.get("/api/workspaces/" + ws).status()).isEqualTo(404);
    }

    @Test
    void ownersReadTheAuditLogOfTheirWorkspace() {
        Api owner = newUser("owner");
        UUID ws = workspace(owner, "Audited");
        UUID project = project(owner, ws);
        owner.post("/api/projects/" + project + "/designs", Api.map("name", "d1"));
        Api member = newUser("member");
        addMember(owner, ws, member, "viewer");

        Api.Res audit = owner.get("/api/workspaces/" + ws + "/audit");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("items").findValuesAsString("action")).containsExactly("invitation.accept",
                "invitation.create", "design.create", "project.create", "workspace.create");
        assertThat(audit.json().get("items").get(0).get("actor").asString()).isEqualTo(username(member));
        assertThat(audit.json().get("total").asLong()).isEqualTo(5);
        // The second page of two, and a link to the third.
        Api.Res second = owner.get("/api/workspaces/" + ws + "/audit?page=1&size=2");
        assertThat(second.json().get("items").findValuesAsString("action"))
                .containsExactly("design.create", "project.create");
        assertThat(second.str("next")).isEqualTo("/api/workspaces/" + ws + "/audit?page=2&size=2");
        assertThat(owner.get(second.str("next")).json().get("items").findValuesAsString("action"))
                .containsExactly("workspace.create");
        assertThat(owner.get(second.str("next")).json().has("next")).isFalse();
        // Another workspace's log is invisible.
        assertThat(newUser("x").get("/api/workspaces/" + ws + "/audit").status()).isEqualTo(404);
    }
}
