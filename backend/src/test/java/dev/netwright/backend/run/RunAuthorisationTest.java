package dev.netwright.backend.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may see and change runs, and what a run must be made of. */
class RunAuthorisationTest extends RunTestSupport {

    @Test
    void outsidersGet404AndViewersMayReadButNotCreateOrCancel() throws Exception {
        Api owner = newUser("owner");
        UUID[] pd = projectWithDesign(owner);
        UUID ws = jdbc.sql("SELECT workspace_id FROM projects WHERE id = ?").param(pd[0]).query(UUID.class).single();
        String q = uniqueQueue("auth"); // nobody claims it: the run stays queued
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 1, 50));

        Api outsider = newUser("outsider");
        for (String path : List.of("/api/runs/" + run, "/api/runs/" + run + "/metrics",
                "/api/runs/" + run + "/artifact", "/api/projects/" + pd[0] + "/runs")) {
            assertThat(outsider.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(outsider.getAsync("/api/runs/" + run + "/events").get().statusCode()).isEqualTo(404);
        assertThat(outsider.post("/api/runs/" + run + "/cancel", "").status()).isEqualTo(404);
        assertThat(createRun(outsider, pd[0], pd[1], q, 0, 1, 50).status()).isEqualTo(404);

        Api viewer = newUser("viewer");
        addMember(owner, ws, viewer, "viewer");
        assertThat(viewer.get("/api/runs/" + run).status()).isEqualTo(200);
        assertThat(viewer.get("/api/runs/" + run + "/metrics").json().get("points")).isNotEmpty();
        assertThat(createRun(viewer, pd[0], pd[1], q, 0, 1, 50).status()).isEqualTo(403);
        assertThat(viewer.post("/api/runs/" + run + "/cancel", "").status()).isEqualTo(403);
        assertThat(viewer.put("/api/workspaces/" + ws + "/run-limit", Api.map("maxRunningRuns", 5)).status())
                .isEqualTo(403);
        assertThat(owner.get("/api/runs/" + run).str("status")).as("nothing changed").isEqualTo("QUEUED");
        assertThat(owner.get("/api/runs/" + run + "/artifact").status()).as("no artifact before success")
                .isEqualTo(404);
        assertThat(new Api(port).get("/api/runs/" + run).status()).isEqualTo(401);
    }

    @Test
    void aRunNeedsAValidDesignVersionAKnownDatasetAndSaneSettings() {
        Api owner = newUser("valid");
        UUID[] pd = projectWithDesign(owner);
        UUID project = pd[0];
        Api.Res empty = owner.post("/api/projects/" + project + "/designs", Api.map("name", "empty"));
        UUID emptyDesign = UUID.fromString(empty.str("designId"));
        Api.Res invalid = owner.post("/api/projects/" + project + "/runs", Api.map("designId", emptyDesign,
                "dataset", Api.map("builtin", "moons")));
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(400);
        assertThat(invalid.text()).contains("cannot be trained");

        Api.Res unknownSet = owner.post("/api/projects/" + project + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "no-such-set")));
        assertThat(unknownSet.status()).isEqualTo(400);
        assertThat(unknownSet.text()).contains("no-such-set");

        Api other = newUser("other");
        UUID[] foreign = projectWithDesign(other);
        Api.Res foreignDesign = owner.post("/api/projects/" + project + "/runs", Api.map("designId", foreign[1],
                "dataset", Api.map("builtin", "moons")));
        assertThat(foreignDesign.status()).isEqualTo(400);
        Api.Res foreignData = owner.post("/api/projects/" + project + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("datasetId", UUID.randomUUID().toString(), "targetColumn", "y")));
        assertThat(foreignData.status()).isEqualTo(400);

        Api.Res badConfig = owner.post("/api/projects/" + project + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons"), "config", Api.map("optimizer", "telepathy")));
        assertThat(badConfig.status()).isEqualTo(400);
        assertThat(badConfig.text()).contains("optimizer");
        Api.Res badSchedule = owner.post("/api/projects/" + project + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons"), "config", Api.map("schedule", "sometimes")));
        assertThat(badSchedule.status()).isEqualTo(400);
        assertThat(badSchedule.text()).contains("'schedule'");
        Api.Res bothClips = owner.post("/api/projects/" + project + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons"), "config", Api.map("clipNorm", 1.0, "clipValue", 0.5)));
        assertThat(bothClips.status()).isEqualTo(400);
        assertThat(bothClips.text()).contains("'clipNorm'");
        assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE project_id = ?").param(project).query(Integer.class)
                .single()).as("nothing was queued").isZero();
    }
}
