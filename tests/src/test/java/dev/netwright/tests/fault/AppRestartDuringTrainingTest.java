package dev.netwright.tests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.TestApplication;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app is stopped and started again while a standalone worker process trains: the worker keeps its work, retries
 * its reports until the server answers again, and the run completes with every epoch's metrics stored exactly once
 * and its metric sequence without gaps. The database is a PostgreSQL server of its own that outlives both app
 * instances, as a production database does.
 */
class AppRestartDuringTrainingTest {
    private static final String PASSWORD = "a long enough password";

    @Test
    void runCompletesWithCompleteMetricsAcrossAnAppRestart() throws Exception {
        Path data = Files.createTempDirectory("restart-app");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String[] args = {"--server.port=" + port,
                "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--netwright.data-dir=" + data, "--netwright.jobs.local-workers=0",
                // the lease outlasts the restart: the worker keeps the run rather than losing it to the reaper
                "--netwright.jobs.lease-seconds=90", "--spring.main.banner-mode=off"};
            JdbcClient db = JdbcClient.create(pg.getPostgresDatabase());
            ConfigurableApplicationContext app = start(args);
            Process worker = null;
            try {
                Api owner = new Api(port);
                String name = "restart-" + UUID.randomUUID().toString().substring(0, 6);
                assertThat(owner.post("/api/auth/signup", Api.map("username", name, "email", name + "@example.org",
                        "password", PASSWORD)).status()).isEqualTo(201);
                db.sql("UPDATE users SET admin = true WHERE username = ?").param(name).update();
                Api admin = new Api(port);
                assertThat(admin.post("/api/auth/login", Api.map("username", name, "password", PASSWORD)).status())
                        .isEqualTo(200);
                String secret = admin.post("/api/admin/worker-tokens", Api.map("name", "survivor")).str("secret");
                // an API token, so that the client stays signed in across the restart (sessions live in memory)
                Api user = new Api(port).bearer(owner.post("/api/tokens", Api.map("name", "t")).str("token"));

                UUID ws = user.post("/api/workspaces", Api.map("name", "restart")).id();
                UUID project = user.post("/api/workspaces/" + ws + "/projects", Api.map("name", "p")).id();
                String design = new DesignJson().write(DesignBuilder.named("moons mlp")
                        .node("in", "Input", "shape", List.of(2))
                        .then("hidden", "Dense", "units", 16, "activation", "relu")
                        .then("out", "Dense", "units", 2, "activation", "softmax").build());
                UUID designId = UUID.fromString(user.post("/api/projects/" + project + "/designs",
                        Api.map("name", "mlp", "design", Api.JSON.readTree(design))).str("designId"));
                int epochs = 12;
                UUID run = user.post("/api/projects/" + project + "/runs", Api.map("designId", designId,
                        "dataset", Api.map("builtin", "moons", "limit", 1000),
                        "config", Api.map("epochs", epochs, "batchSize", 8))).id();

                Path scratch = Files.createTempDirectory("restart-worker");
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                        "dev.netwright.engine.cli.NetwrightCli", "worker", "--server", "http://localhost:" + port,
                        "--token", secret, "--name", "survivor", "--work-dir", scratch.toString(), "--poll", "1")
                        .redirectErrorStream(true).redirectOutput(scratch.resolve("worker.log").toFile());
                pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
                worker = pb.start();

                awaitEpochs(db, run, 2, worker, scratch);
                int before = epochsStored(db, run).size();
                assertThat(before).as("the restart happens mid-training").isLessThan(epochs);
                app.close(); // the server goes away while the worker trains
                Thread.sleep(2000);
                assertThat(worker.isAlive()).as("the worker waits for the server").isTrue();
                app = start(args);

                long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                String status;
                do {
                    Thread.sleep(250);
                    status = user.get("/api/runs/" + run).str("status");
                } while (!List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status) && System.nanoTime() < end);
                assertThat(status).as(Files.readString(scratch.resolve("worker.log"))).isEqualTo("SUCCEEDED");
                assertThat(epochsStored(db, run)).as("each epoch once, none missing")
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, epochs).boxed().toList());
                List<Long> seqs = db.sql("SELECT seq FROM run_metrics WHERE run_id = ? ORDER BY seq").param(run)
                        .query(Long.class).list();
                assertThat(seqs).as("no gaps in the metric stream")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
                assertThat(user.get("/api/runs/" + run).json().get("attempts").asInt())
                        .as("the worker kept its lease across the restart").isEqualTo(1);
                assertThat(user.getBytes("/api/runs/" + run + "/artifact").statusCode()).isEqualTo(200);
            } finally {
                if (worker != null) {
                    worker.destroyForcibly();
                    worker.waitFor(10, TimeUnit.SECONDS);
                }
                app.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(TestApplication.class).run(args);
    }

    private static void awaitEpochs(JdbcClient db, UUID run, int n, Process worker, Path scratch) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (epochsStored(db, run).size() < n) {
            assertThat(worker.isAlive()).as("worker log: %s", Files.exists(scratch.resolve("worker.log"))
                    ? Files.readString(scratch.resolve("worker.log")) : "").isTrue();
            assertThat(System.nanoTime()).as("the worker trained %d epochs in time", n).isLessThan(end);
            Thread.sleep(100);
        }
    }

    private static List<Integer> epochsStored(JdbcClient db, UUID run) {
        return db.sql("SELECT (payload->>'epoch')::int FROM run_metrics WHERE run_id = ? AND kind = 'EPOCH' "
                + "ORDER BY (payload->>'epoch')::int").param(run).query(Integer.class).list();
    }
}
