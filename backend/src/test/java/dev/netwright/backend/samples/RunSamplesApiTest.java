package dev.netwright.backend.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.worker.HttpWorkerBackend;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRunTrainer;
import dev.netwright.engine.worker.ClaimedRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Per-epoch pictures of a GAN run's generated samples: a standalone worker uploads them over HTTP while it trains,
 * the server stores one per epoch, announces each as a SAMPLES point, and members list and download them.
 */
public class RunSamplesApiTest extends RunTestSupport {

    /** A real PNG of {@code size} x {@code size} pixels. */
    public static byte[] png(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private String workerSecret(String queue) {
        String name = username(newUser("samples-admin"));
        jdbc.sql("UPDATE users SET admin = true WHERE username = ?").param(name).update();
        Api admin = new Api(port); // a fresh sign-in picks up the admin flag
        Api.Res login = admin.post("/api/auth/login", Api.map("username", name, "password", PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        Api.Res token = admin.post("/api/admin/worker-tokens", Api.map("name", "samples-host", "queues",
                List.of(queue)));
        assertThat(token.status()).as(token.text()).isEqualTo(201);
        return token.str("secret");
    }

    private UUID ganRun(Api owner, String queue, int epochs) {
        UUID ws = workspace(owner, "gan");
        UUID project = project(owner, ws);
        String json = new DesignJson().write(Templates.find("mlp-gan-2d").orElseThrow().design());
        Api.Res d = owner.post("/api/projects/" + project + "/designs",
                Api.map("name", "gan", "design", Api.JSON.readTree(json)));
        assertThat(d.status()).as(d.text()).isEqualTo(201);
        return created(owner.post("/api/projects/" + project + "/runs", Api.map("designId", d.str("designId"),
                "dataset", Api.map("builtin", "gaussian-mixture", "limit", 256),
                "config", Api.map("epochs", epochs, "batchSize", 64), "queue", queue)));
    }

    @Test
    void standaloneWorkerUploadsOnePicturePerEpochThatMembersCanReadAndStrangersCannot() throws Exception {
        String queue = uniqueQueue("gan");
        String secret = workerSecret(queue);
        Api owner = newUser("gan-owner");
        UUID run = ganRun(owner, queue, 2);
        HttpWorkerBackend http = new HttpWorkerBackend(URI.create("http://localhost:" + port), secret, "box",
                Files.createTempDirectory("gan-worker"));
        ClaimedRun job = http.claim().orElseThrow();
        RunEnd result = new ClaimedRunTrainer(http).run(job);
        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);

        JsonNode listing = owner.get("/api/runs/" + run + "/samples").json().get("samples");
        assertThat(listing).hasSize(2);
        assertThat(listing.get(0).get("epoch").asInt()).isEqualTo(1);
        assertThat(listing.get(1).get("epoch").asInt()).isEqualTo(2);
        HttpResponse<byte[]> picture = owner.getBytes("/api/runs/" + run + "/samples/2");
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(picture.body()))).as("a readable PNG").isNotNull();
        assertThat(picture.body().length).isEqualTo(listing.get(1).get("bytes").asInt());
        // announced through the metric points, one per epoch
        JsonNode points = owner.get("/api/runs/" + run + "/metrics?kind=samples").json().get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(1).get("payload").get("epoch").asInt()).isEqualTo(2);

        Api stranger = newUser("gan-stranger");
        assertThat(stranger.get("/api/runs/" + run + "/samples").status()).isEqualTo(404);
        assertThat(stranger.getBytes("/api/runs/" + run + "/samples/1").statusCode()).isEqualTo(404);
        assertThat(owner.getBytes("/api/runs/" + run + "/samples/3").statusCode()).as("no such epoch").isEqualTo(404);
    }

    @Test
    void oversizedBrokenAndRepeatedPicturesAreHandled() throws Exception {
        String queue = uniqueQueue("gan-limits");
        String secret = workerSecret(queue);
        Api owner = newUser("gan-limits");
        UUID run = ganRun(owner, queue, 1);
        HttpWorkerBackend http = new HttpWorkerBackend(URI.create("http://localhost:" + port), secret, "box",
                Files.createTempDirectory("gan-worker"));
        assertThat(http.claim().orElseThrow().runId()).isEqualTo(run);

        byte[] big = Arrays.copyOf(png(4), RunSampleStore.MAX_BYTES + 1);
        assertThatThrownBy(() -> http.samplePicture(run, 1, big)).hasMessageContaining("HTTP 413")
                .hasMessageContaining("larger than " + RunSampleStore.MAX_BYTES);
        assertThatThrownBy(() -> http.samplePicture(run, 1, "not a picture".getBytes()))
                .hasMessageContaining("HTTP 400").hasMessageContaining("not a PNG");
        assertThatThrownBy(() -> http.samplePicture(run, 0, png(4))).hasMessageContaining("HTTP 400")
                .hasMessageContaining("epoch must be 1 or more");
        assertThat(owner.get("/api/runs/" + run + "/samples").json().get("samples")).as("nothing stored").isEmpty();

        http.samplePicture(run, 1, png(4));
        byte[] second = png(6);
        http.samplePicture(run, 1, second); // a resumed attempt re-running epoch 1
        JsonNode listing = owner.get("/api/runs/" + run + "/samples").json().get("samples");
        assertThat(listing).hasSize(1);
        assertThat(owner.getBytes("/api/runs/" + run + "/samples/1").body()).isEqualTo(second);
        assertThat(owner.get("/api/runs/" + run + "/metrics?kind=samples").json().get("points"))
                .as("announced once").hasSize(1);

        // another worker of the same token does not hold the run
        HttpWorkerBackend other = new HttpWorkerBackend(URI.create("http://localhost:" + port), secret, "other",
                Files.createTempDirectory("gan-worker"));
        assertThatThrownBy(() -> other.samplePicture(run, 1, png(4)))
                .isInstanceOf(dev.netwright.engine.worker.LeaseLostException.class);
    }
}
