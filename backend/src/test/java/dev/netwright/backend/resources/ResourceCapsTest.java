package dev.netwright.backend.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every cap of {@link ResourceLimits} at its default (or the test configuration's value), through the REST API. */
class ResourceCapsTest extends RunTestSupport {
    @Autowired
    StreamSlots slots;

    @BeforeEach
    void someoneElseIsTheAdministrator() {
        newUser("first"); // on a fresh database the first account is the administrator, who has no caps on priority
    }

    private static Api.Res run(Api api, UUID project, UUID design, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Api.map("designId", design,
                "dataset", Api.map("builtin", "moons", "limit", 50), "config", Api.map("epochs", 1),
                "queue", uniqueQueue("parked")));
        body.putAll(extra);
        return api.post("/api/projects/" + project + "/runs", body);
    }

    @Test
    void epochsBatchSizeAndAttemptsAreCapped() {
        Api owner = newUser("caps");
        UUID[] pd = projectWithDesign(owner);
        // within the settings record's own limits (1-10,000 epochs) but above this platform's cap
        Api.Res epochs = run(owner, pd[0], pd[1], Map.of("config", Api.map("epochs", 5000)));
        assertThat(epochs.status()).as(epochs.text()).isEqualTo(400);
        assertThat(epochs.str("detail")).contains("'config.epochs' must be at most 1000");
        // beyond the record's limits: refused by the settings record itself, naming the field and its limits
        Api.Res absurd = run(owner, pd[0], pd[1], Map.of("config", Api.map("epochs", Integer.MAX_VALUE)));
        assertThat(absurd.status()).as(absurd.text()).isEqualTo(400);
        assertThat(absurd.str("detail")).contains("'epochs' must be between 1 and 10,000");
        Api.Res batch = run(owner, pd[0], pd[1], Map.of("config", Api.map("batchSize", 1_000_000)));
        assertThat(batch.status()).as(batch.text()).isEqualTo(400);
        assertThat(batch.str("detail")).contains("'batchSize' must be between 1 and 65,536");
        Api.Res attempts = run(owner, pd[0], pd[1], Map.of("maxAttempts", 21));
        assertThat(attempts.status()).as(attempts.text()).isEqualTo(400);
        assertThat(attempts.str("detail")).contains("'maxAttempts' must be between 1 and 20");
        assertThat(run(owner, pd[0], pd[1], Map.of("config", Api.map("epochs", 1000), "maxAttempts", 20)).status())
                .isEqualTo(201);
        Api.Res sweep = owner.post("/api/projects/" + pd[0] + "/sweeps", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons", "limit", 50), "config", Api.map("epochs", 5000),
                "parameters", Api.map("learningRate", Api.map("logUniform", List.of(0.001, 0.1)))));
        assertThat(sweep.status()).as(sweep.text()).isEqualTo(400);
        assertThat(sweep.str("detail")).contains("'config.epochs' must be at most 1000");
        // a search space reaching past a cap is refused at launch, naming the value
        Api.Res space = owner.post("/api/projects/" + pd[0] + "/sweeps", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons", "limit", 50), "config", Api.map("epochs", 1),
                "parameters", Api.map("epochs", Api.map("choice", List.of(1, 5000)))));
        assertThat(space.status()).as(space.text()).isEqualTo(400);
        assertThat(space.str("detail")).contains("hyperparameter 'epochs' value 5000: 'config.epochs' must be at "
                + "most 1000");
    }

    @Test
    void priorityAndQueueStayWithinTheRole() {
        Api owner = newUser("prio-owner");
        UUID[] pd = projectWithDesign(owner);
        UUID ws = jdbc.sql("SELECT workspace_id FROM projects WHERE id = ?").param(pd[0]).query(UUID.class).single();
        Api editor = newUser("prio-editor");
        addMember(owner, ws, editor, "editor");

        Api.Res high = run(owner, pd[0], pd[1], Map.of("priority", 100));
        assertThat(high.status()).as(high.text()).isEqualTo(403);
        assertThat(high.str("detail")).contains("'priority' 100 is above what your role allows (at most 10");
        assertThat(run(owner, pd[0], pd[1], Map.of("priority", 10)).status()).isEqualTo(201);

        Api.Res editorHigh = run(editor, pd[0], pd[1], Map.of("priority", 1));
        assertThat(editorHigh.status()).as(editorHigh.text()).isEqualTo(403);
        assertThat(editorHigh.str("detail")).contains("at most 0 for a workspace editor");
        assertThat(run(editor, pd[0], pd[1], Map.of("priority", -5)).status()).isEqualTo(201);

        Api.Res reserved = run(owner, pd[0], pd[1], Map.of("queue", "team-gpu"));
        assertThat(reserved.status()).as(reserved.text()).isEqualTo(403);
        assertThat(reserved.str("detail")).contains("queue 'team-gpu' is reserved for other workspaces");
        Api.Res sweep = owner.post("/api/projects/" + pd[0] + "/sweeps", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons", "limit", 50), "queue", "team-gpu",
                "parameters", Api.map("learningRate", Api.map("logUniform", List.of(0.001, 0.1)))));
        assertThat(sweep.status()).as(sweep.text()).isEqualTo(403);
    }

    @Test
    void oneUserHasAtMostFiftyRunsQueuedOrRunning() {
        Api owner = newUser("many");
        UUID[] pd = projectWithDesign(owner);
        String parked = uniqueQueue("parked");
        List<UUID> runs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            runs.add(created(createRun(owner, pd[0], pd[1], parked, 0, 1, 50)));
        }
        Api.Res more = createRun(owner, pd[0], pd[1], parked, 0, 1, 50);
        assertThat(more.status()).as(more.text()).isEqualTo(429);
        assertThat(more.str("detail")).contains("you have 50 runs queued or running");
        // another user is not held back by this one
        Api other = newUser("other");
        UUID[] otherPd = projectWithDesign(other);
        assertThat(createRun(other, otherPd[0], otherPd[1], parked, 0, 1, 50).status()).isEqualTo(201);
        // one ends: there is room again
        assertThat(owner.post("/api/runs/" + runs.getFirst() + "/cancel", "").status()).isEqualTo(200);
        assertThat(createRun(owner, pd[0], pd[1], parked, 0, 1, 50).status()).isEqualTo(201);
    }

    @Test
    void eventStreamsAreCappedPerUserAndKeptAlive() throws Exception {
        Api owner = newUser("streams");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], uniqueQueue("parked"), 0, 1, 50));
        UUID userId = jdbc.sql("SELECT created_by FROM runs WHERE id = ?").param(run).query(UUID.class).single();
        List<CompletableFuture<HttpResponse<String>>> open = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            open.add(owner.getAsync("/api/runs/" + run + "/events", "Accept", "text/event-stream"));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (slots.openStreams(userId) < 16 && System.nanoTime() < end) {
            sleep(50);
        }
        assertThat(slots.openStreams(userId)).isEqualTo(16);
        Api.Res refused = owner.get("/api/runs/" + run + "/events");
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.str("detail")).contains("you already have 16 live event streams open");

        // an idle stream carries keep-alive comments (every second in tests), so a dead client is noticed
        String token = owner.post("/api/tokens", Api.map("name", "stream reader")).str("token");
        // the run ends: its streams end and give their slots back
        assertThat(owner.post("/api/runs/" + run + "/cancel", "").status()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> f : open) {
            assertThat(f.get(20, TimeUnit.SECONDS).body()).contains("CANCELLED");
        }
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (slots.openStreams(userId) > 0 && System.nanoTime() < end) {
            sleep(50);
        }
        assertThat(slots.openStreams(userId)).isZero();

        UUID parked = created(createRun(owner, pd[0], pd[1], uniqueQueue("parked"), 0, 1, 50));
        HttpResponse<Stream<String>> idle = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/runs/" + parked + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(idle.statusCode()).isEqualTo(200);
        try (Stream<String> lines = idle.body()) {
            assertThat(lines.filter(l -> l.startsWith(":")).findFirst()).hasValueSatisfying(
                    l -> assertThat(l).contains("keep-alive"));
        }
        owner.post("/api/runs/" + parked + "/cancel", "");
    }

    @Test
    void designsAreCappedInNodesAndBytesOnEveryEndpointThatReadsOne() {
        Api owner = newUser("big-design");
        UUID ws = workspace(owner, "big");
        UUID project = project(owner, ws);
        DesignBuilder b = DesignBuilder.named("long chain").node("in", "Input", "shape", List.of(2));
        for (int i = 0; i < 2001; i++) {
            b = b.then("d" + i, "Dense", "units", 2);
        }
        String json = new DesignJson().write(b.build());
        Api.Res created = owner.post("/api/projects/" + project + "/designs", Api.map("name", "long",
                "design", Api.JSON.readTree(json)));
        assertThat(created.status()).as(created.text()).isEqualTo(400);
        assertThat(created.str("detail")).contains("2002 nodes; a design may have at most 2000");
        Api.Res analysed = owner.post("/api/analyze", Api.JSON.readTree(json));
        assertThat(analysed.status()).as(analysed.text()).isEqualTo(400);

        String padded = new DesignJson().write(DesignBuilder.named("x".repeat(10)).description("y".repeat(2_100_000))
                .node("in", "Input", "shape", List.of(2)).then("out", "Dense", "units", 2).build());
        Api.Res large = owner.post("/api/analyze", Api.JSON.readTree(padded));
        assertThat(large.status()).as(large.text()).isEqualTo(413);
        assertThat(large.str("detail")).contains("larger than 2097152 bytes");
    }
}
