package dev.netwright.backend.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Runs trained by the app's own worker, observed only through the REST API. */
class InProcessRunTest extends RunTestSupport {

    @Test
    void runGoesQueuedRunningSucceededWithLiveEventsMetricsAndArtifact() throws Exception {
        Api owner = newUser("train");
        UUID[] pd = projectWithDesign(owner);
        Api.Res created = createRun(owner, pd[0], pd[1], "default", 0, 2, 200);
        UUID run = created(created);
        assertThat(created.str("status")).isIn("QUEUED", "RUNNING");
        // connect while it is queued or training: history first, then live points, then the stream ends
        CompletableFuture<HttpResponse<String>> live = owner.getAsync("/api/runs/" + run + "/events",
                "Accept", "text/event-stream");

        Api.Res done = awaitStatus(owner, run, Duration.ofSeconds(120), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.str("status")).as(done.text()).isEqualTo("SUCCEEDED");
        assertThat(done.json().get("finalMetrics").get("epochs").asInt()).isEqualTo(2);
        assertThat(done.json().get("finalMetrics").has("test")).isTrue();
        assertThat(done.json().get("durationSeconds").asDouble()).isPositive();
        assertThat(done.json().hasNonNull("sweepId")).as("an ordinary run belongs to no sweep").isFalse();
        assertThat(done.json().hasNonNull("trialNumber")).isFalse();

        HttpResponse<String> stream = live.get(30, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        SseEvents events = SseEvents.parse(stream.body());
        long last = done.json().get("lastSeq").asLong();
        assertThat(events.ids()).as("every point once, in order, no gaps")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(events.events()).filteredOn(e -> e.name().equals("EPOCH")).hasSize(2)
                .as("each epoch's per-layer gradient norms are stored with it")
                .allSatisfy(e -> assertThat(e.data()).contains("\"layerGradientNorms\":{\""));
        assertThat(events.events().getLast().name()).isEqualTo("STATUS");
        assertThat(events.events().getLast().data()).contains("SUCCEEDED");

        // resume: only what came after Last-Event-ID
        HttpResponse<String> resumed = owner.getAsync("/api/runs/" + run + "/events", "Last-Event-ID", "3")
                .get(30, TimeUnit.SECONDS);
        assertThat(SseEvents.parse(resumed.body()).ids())
                .containsExactlyElementsOf(LongStream.rangeClosed(4, last).boxed().toList());

        // paginated history
        Api.Res page = owner.get("/api/runs/" + run + "/metrics?limit=2");
        assertThat(page.json().get("points")).hasSize(2);
        assertThat(page.json().get("nextAfter").asLong()).isEqualTo(2);
        Api.Res epochs = owner.get("/api/runs/" + run + "/metrics?kind=epoch");
        assertThat(epochs.json().get("points")).hasSize(2);
        assertThat(epochs.json().get("points").get(1).get("payload").get("epoch").asInt()).isEqualTo(2);

        HttpResponse<byte[]> zip = owner.getBytes("/api/runs/" + run + "/artifact");
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("model.json", "design.json", "config.json", "metrics.json", "README.md")
                .anyMatch(n -> n.startsWith("weights/")).noneMatch(n -> n.startsWith("checkpoints/"));
        assertThat(names).contains("pytorch/model.py", "pytorch/weights.npz");

        HttpResponse<byte[]> pytorch = owner.getBytes("/api/runs/" + run + "/pytorch");
        assertThat(pytorch.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pytorch.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(files.keySet()).containsExactly("model.py", "weights.npz");
        assertThat(new String(files.get("model.py"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("(nn.Module):", "def build():", "def load_weights(");
        assertThat(files.get("weights.npz")).startsWith((byte) 'P', (byte) 'K'); // a zip of .npy arrays

        Api.Res list = owner.get("/api/projects/" + pd[0] + "/runs");
        assertThat(list.json().get("items")).anyMatch(r -> r.get("id").asString().equals(run.toString())
                && r.get("status").asString().equals("SUCCEEDED"));
    }

    @Test
    void cancelStopsARunningRunWithinSeconds() {
        Api owner = newUser("cancel");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(owner.post("/api/projects/" + pd[0] + "/runs", Api.map("designId", pd[1],
                "dataset", Api.map("builtin", "moons", "limit", 1000),
                "config", Api.map("epochs", 500, "batchSize", 8))));
        awaitStatus(owner, run, Duration.ofSeconds(120), "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(owner.get("/api/runs/" + run).str("status")).isEqualTo("RUNNING");
        // wait until it is really training (a batch point arrived)
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (owner.get("/api/runs/" + run + "/metrics?kind=batch").json().get("points").isEmpty()) {
            assertThat(System.nanoTime()).isLessThan(end);
            sleep(100);
        }
        long t0 = System.nanoTime();
        Api.Res c = owner.post("/api/runs/" + run + "/cancel", "");
        assertThat(c.status()).as(c.text()).isEqualTo(200);
        assertThat(c.json().get("cancelRequested").asBoolean()).isTrue();
        Api.Res done = awaitStatus(owner, run, Duration.ofSeconds(15), "CANCELLED", "SUCCEEDED", "FAILED");
        assertThat(done.str("status")).isEqualTo("CANCELLED");
        System.out.printf("cancel to CANCELLED: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(done.json().get("finalMetrics").get("epochs").asInt()).isLessThan(500);
    }
}
