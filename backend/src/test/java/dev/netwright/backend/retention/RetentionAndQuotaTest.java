package dev.netwright.backend.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.run.RunTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention purges what deleted things and finished runs leave behind (rows and files); workspaces see their storage
 * against a quota that uploads and new runs respect.
 */
class RetentionAndQuotaTest extends RunTestSupport {
    @Autowired
    RetentionSweeper sweeper;
    @Autowired
    RunFiles runFiles;

    private static final String CSV = "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n";

    private UUID upload(Api api, UUID project) {
        Api.Res r = api.upload("/api/projects/" + project + "/datasets", "t.csv", CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.id();
    }

    private Path datasetFolder(UUID dataset) {
        String path = jdbc.sql("SELECT storage_path FROM datasets WHERE id = ?").param(dataset).query(String.class)
                .single();
        return Path.of("target/it-data/datasets").toAbsolutePath().resolve(path);
    }

    @Test
    void deletedThingsAndFinishedRunsWorkFilesArePurgedAfterTheirTime() {
        Api owner = newUser("retention");
        UUID[] pd = projectWithDesign(owner);
        UUID kept = upload(owner, pd[0]);
        UUID deleted = upload(owner, pd[0]);
        Path folder = datasetFolder(deleted);
        assertThat(folder).isDirectory();
        assertThat(owner.delete("/api/datasets/" + deleted).status()).isEqualTo(204);

        UUID run = created(createRun(owner, pd[0], pd[1], "default", 0, 1, 100));
        assertThat(awaitStatus(owner, run, Duration.ofSeconds(120), "SUCCEEDED", "FAILED").str("status"))
                .isEqualTo("SUCCEEDED");
        assertThat(runFiles.work(run)).isDirectory();

        sweeper.sweep();
        assertThat(folder).as("deleted only minutes ago: kept").isDirectory();
        assertThat(runFiles.work(run)).as("finished only seconds ago: kept").isDirectory();

        jdbc.sql("UPDATE datasets SET deleted_at = now() - interval '31 days' WHERE id = ?").param(deleted).update();
        jdbc.sql("UPDATE runs SET finished_at = now() - interval '2 hours' WHERE id = ?").param(run).update();
        RetentionSweeper.Purged purged = sweeper.sweep();
        assertThat(purged.datasets()).isGreaterThanOrEqualTo(1);
        assertThat(folder).doesNotExist();
        assertThat(jdbc.sql("SELECT count(*) FROM datasets WHERE id = ?").param(deleted).query(Long.class).single())
                .isZero();
        assertThat(datasetFolder(kept)).as("a live dataset stays").isDirectory();
        assertThat(runFiles.work(run)).doesNotExist();
        assertThat(owner.getBytes("/api/runs/" + run + "/artifact").statusCode()).as("the model stays")
                .isEqualTo(200);
        assertThat(owner.get("/api/runs/" + run + "/metrics?kind=epoch").json().get("points")).hasSize(1);

        // a deleted design no run trained goes; the one the run trained stays with its versions
        Api.Res other = owner.post("/api/projects/" + pd[0] + "/designs", Api.map("name", "scrap",
                "design", owner.get("/api/designs/" + pd[1]).json().get("content")));
        assertThat(other.status()).as(other.text()).isEqualTo(201);
        UUID scrap = UUID.fromString(other.str("designId"));
        assertThat(owner.delete("/api/designs/" + scrap).status()).isEqualTo(204);
        assertThat(owner.delete("/api/designs/" + pd[1]).status()).isEqualTo(204);
        jdbc.sql("UPDATE designs SET deleted_at = now() - interval '31 days' WHERE id IN (?, ?)").params(scrap, pd[1])
                .update();
        sweeper.sweep();
        assertThat(jdbc.sql("SELECT count(*) FROM designs WHERE id = ?").param(scrap).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM designs WHERE id = ?").param(pd[1]).query(Long.class).single())
                .isEqualTo(1);
        assertThat(owner.get("/api/runs/" + run).status()).isEqualTo(200);
    }

    @Test
    void ownersSeeTheirStorageAndUploadsPastTheQuotaAreRefused() {
        newUser("first"); // on a fresh database the first account is the administrator, who may set quotas
        Api owner = newUser("quota");
        UUID ws = workspace(owner, "quota");
        UUID project = project(owner, ws);
        Api editor = newUser("quota-editor");
        addMember(owner, ws, editor, "editor");

        upload(owner, project);
        Api.Res storage = owner.get("/api/workspaces/" + ws + "/storage");
        assertThat(storage.status()).as(storage.text()).isEqualTo(200);
        assertThat(storage.json().get("datasetBytes").asLong()).isEqualTo(CSV.length());
        assertThat(storage.json().get("usedBytes").asLong()).isEqualTo(CSV.length());
        assertThat(storage.json().get("quotaBytes").asLong()).isEqualTo(50L << 30);
        assertThat(storage.json().get("quotaIsDefault").asBoolean()).isTrue();
        assertThat(editor.get("/api/workspaces/" + ws + "/storage").status()).isEqualTo(403);

        // only administrators set quotas
        assertThat(owner.put("/api/admin/workspaces/" + ws + "/storage-quota", Api.map("quotaBytes", 1 << 20))
                .status()).isEqualTo(403);
        jdbc.sql("UPDATE workspaces SET storage_quota_bytes = ? WHERE id = ?").params(CSV.length() + 10L, ws)
                .update();
        Api.Res refused = editor.upload("/api/projects/" + project + "/datasets", "t.csv",
                CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.text()).isEqualTo(413);
        assertThat(refused.str("detail")).contains("does not fit the workspace's storage quota: it uses 34 bytes "
                + "of 44 bytes and this needs 34 bytes");
        assertThat(jdbc.sql("SELECT count(*) FROM datasets d JOIN projects p ON p.id = d.project_id "
                + "WHERE p.workspace_id = ?").param(ws).query(Long.class).single()).isEqualTo(1);
    }
}
