package dev.netwright.tests.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.storage.S3TestServer;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several app instances on one machine, as on a cluster: two app processes on one PostgreSQL (a server of its own,
 * started here) with S3 object storage (a real S3 API server, started here) as their shared storage, each with an
 * in-process worker, plus three standalone worker processes. Runs are queued from clients of both instances; one app
 * instance and one worker are killed with SIGKILL while they train. Every run still finishes exactly once with every
 * epoch stored once, live metrics reach SSE clients of both instances, a design saved on one instance reaches an
 * editor subscribed on the other, and trained models download from both.
 *
 * <p>Sized for a 2-core machine: 30 small runs (moons, 6 epochs), about two to three minutes in all.
 */
class TwoInstancesTest {
    private static final String PASSWORD = "a long enough password";
    private static final int RUNS = 30;
    private static final int EPOCHS = 6;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private final Map<String, Process> workers = new java.util.LinkedHashMap<>();
    private AppCluster cluster;

    @Test
    void runsSurviveAKilledAppInstanceAndAKilledWorkerWithSharedDatabaseAndStorage() throws Exception {
        long started = System.nanoTime();
        try (S3TestServer s3 = S3TestServer.start(dir.resolve("s3"), "netwright");
             AppCluster apps = AppCluster.start(dir)) {
            cluster = apps;
            JdbcClient db = apps.db();
            var storage = new AppCluster.SharedStorage.S3(s3.endpoint(), "netwright", "cluster",
                    S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
            int port1 = AppCluster.freePort();
            int port2 = AppCluster.freePort();
            // both at once: the schema migrations run once, by whichever instance takes Flyway's lock first
            Process app1 = startApp("app1", port1, storage);
            Process app2 = startApp("app2", port2, storage);
            apps.awaitHealthy("app1", app1, port1);
            apps.awaitHealthy("app2", app2, port2);
            long appsUp = System.nanoTime();

            String name = "scale-" + UUID.randomUUID().toString().substring(0, 6);
            Api signup = new Api(port1);
            Api.Res signedUp = signup.post("/api/auth/signup", Api.map("username", name, "email",
                    name + "@example.org", "password", PASSWORD));
            assertThat(signedUp.status()).as("%s\n%s", signedUp.text(), cluster.log("app1")).isEqualTo(201);
            db.sql("UPDATE users SET admin = true WHERE username = ?").param(name).update();
            Api admin = new Api(port2);
            assertThat(admin.post("/api/auth/login", Api.map("username", name, "password", PASSWORD)).status())
                    .isEqualTo(200);
            String workerSecret = admin.post("/api/admin/worker-tokens", Api.map("name", "pool")).str("secret");
            // the workers start first: a fresh worker takes a while (JVM, DJL's engine) before its first epoch
            for (int i = 1; i <= 3; i++) {
                startWorker("w" + i, port2, workerSecret);
            }
            // API tokens: sessions live in one instance's memory, tokens in the database
            String token = signup.post("/api/tokens", Api.map("name", "t")).str("token");
            Api on1 = new Api(port1).bearer(token);
            Api on2 = new Api(port2).bearer(token);

            UUID ws = on1.post("/api/workspaces", Api.map("name", "scale")).id();
            UUID project = on2.post("/api/workspaces/" + ws + "/projects", Api.map("name", "p")).id();
            String design = new DesignJson().write(DesignBuilder.named("moons mlp")
                    .node("in", "Input", "shape", List.of(2))
                    .then("hidden", "Dense", "units", 16, "activation", "relu")
                    .then("out", "Dense", "units", 2, "activation", "softmax").build());
            Api.Res created = on1.post("/api/projects/" + project + "/designs",
                    Api.map("name", "mlp", "design", Api.JSON.readTree(design)));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            UUID designId = UUID.fromString(created.str("designId"));
            // an uploaded table, stored once in S3 and read by in-process and standalone workers of both instances
            Api.Res upload = on2.upload("/api/projects/" + project + "/datasets", "moons.csv", moonsCsv(1000));
            assertThat(upload.status()).as(upload.text()).isEqualTo(201);
            UUID dataset = upload.id();


            // a run both instances stream live, queued before the rest so that it trains first
            UUID watched = queue(on1, project, designId, dataset, 0);
            Sse sse1 = Sse.open(port1, token, "/api/runs/" + watched + "/events");
            Sse sse2 = Sse.open(port2, token, "/api/runs/" + watched + "/events");
            List<UUID> runs = new ArrayList<>(List.of(watched));
            for (int i = 1; i < RUNS; i++) {
                runs.add(queue(i % 2 == 0 ? on1 : on2, project, designId, dataset, i));
            }

            // a design saved on instance 1 reaches an editor subscribed on instance 2
            Sse editor = Sse.open(port2, token, "/api/designs/" + designId + "/events");
            waitFor("the editor's subscription", Duration.ofSeconds(30), () -> editor.has(":subscribed"));
            Api.Res saved = on1.post("/api/designs/" + designId + "/versions", Api.map("baseVersion", 1,
                    "message", "wider",
                    "design", Api.JSON.readTree(design.replaceAll("\"units\"\\s*:\\s*16", "\"units\": 24"))));
            assertThat(saved.status()).as(saved.text()).isIn(200, 201);
            waitFor("the save notice on instance 2", Duration.ofSeconds(30), () -> editor.has("event:version"));
            assertThat(editor.dataOf("version")).contains("\"version\":2").contains("\"message\":\"wider\"")
                    .contains("\"author\":\"" + name + "\"");

            // SIGKILL app 1 while its in-process worker trains, and worker w1 while it trains
            String app1Owner = "local-1-" + app1.pid() + "@";
            waitFor("app 1's in-process worker mid-run", Duration.ofMinutes(2),
                    () -> midRun(db, app1Owner + "%"));
            waitFor("both SSE clients got epochs of the watched run", Duration.ofMinutes(2),
                    () -> sse1.has("event:EPOCH") && sse2.has("event:EPOCH"));
            app1.destroyForcibly();
            assertThat(app1.waitFor(20, TimeUnit.SECONDS)).isTrue();
            // whichever standalone worker trains first (their start, DJL's included, takes a while on a busy machine)
            String[] victim = new String[1];
            waitFor("a standalone worker mid-run", Duration.ofMinutes(4), () -> {
                victim[0] = workers.keySet().stream().filter(w -> midRun(db, "%/" + w)).findFirst().orElse(null);
                return victim[0] != null;
            });
            Process worker = workers.get(victim[0]);
            worker.destroyForcibly();
            assertThat(worker.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();

            waitFor("every run to end", Duration.ofMinutes(6), () -> db.sql("""
                    SELECT count(*) FROM runs WHERE id = ANY(?) AND status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')""")
                    .param(runs.toArray(UUID[]::new)).query(Long.class).single() == RUNS);
            List<Map<String, Object>> notDone = db.sql("""
                    SELECT id, status, failure FROM runs WHERE id = ANY(?) AND status <> 'SUCCEEDED'""")
                    .param(runs.toArray(UUID[]::new)).query().listOfRows();
            assertThat(notDone).as("every run succeeded").isEmpty();
            for (UUID run : runs) {
                assertThat(db.sql("""
                        SELECT (payload->>'epoch')::int FROM run_metrics WHERE run_id = ? AND kind = 'EPOCH'
                        ORDER BY 1""").param(run).query(Integer.class).list())
                        .as("run %s: every epoch stored once", run)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
                assertThat(db.sql("SELECT count(*) FROM run_metrics WHERE run_id = ? AND kind = 'STATUS' "
                        + "AND payload->>'status' = 'SUCCEEDED'").param(run).query(Long.class).single())
                        .as("run %s finished exactly once", run).isEqualTo(1);
            }
            // attempts past the first: the killed instance's run and the killed worker's run were each claimed again
            // (they may be one run: the worker can have taken over the dead instance's run)
            long retried = db.sql("SELECT coalesce(sum(attempts - 1), 0) FROM runs WHERE id = ANY(?)")
                    .param(runs.toArray(UUID[]::new)).query(Long.class).single();
            assertThat(retried).as("the killed instance's and worker's runs were taken over").isGreaterThanOrEqualTo(2);

            // live metrics reached both instances' clients (app 1's until it died)
            assertThat(sse1.count("event:EPOCH")).isGreaterThanOrEqualTo(1);
            waitFor("instance 2's client saw the watched run end", Duration.ofMinutes(1),
                    () -> sse2.has("\"status\":\"SUCCEEDED\""));

            // trained models come from the shared storage, whichever instance serves them: start app 1 again
            Process app1again = startApp("app1-again", port1, storage);
            apps.awaitHealthy("app1-again", app1again, port1);
            for (UUID run : List.of(runs.get(0), runs.get(RUNS / 2), runs.get(RUNS - 1))) {
                HttpResponse<byte[]> a = on1.getBytes("/api/runs/" + run + "/artifact");
                HttpResponse<byte[]> b = on2.getBytes("/api/runs/" + run + "/artifact");
                assertThat(a.statusCode()).isEqualTo(200);
                assertThat(b.statusCode()).isEqualTo(200);
                String sha = db.sql("SELECT sha256 FROM artifacts WHERE run_id = ?").param(run).query(String.class)
                        .single();
                assertThat(sha256(a.body())).isEqualTo(sha);
                assertThat(sha256(b.body())).isEqualTo(sha);
            }
            try (var client = s3.client()) {
                assertThat(client.listObjectsV2(l -> l.bucket("netwright").prefix("cluster/runs/")).contents().stream()
                        .filter(o -> o.key().endsWith("/artifact.zip")).count())
                        .as("every artifact lives in the shared bucket").isEqualTo(RUNS);
            }
            System.out.printf("TwoInstancesTest: apps up after %d s, app 1 and worker %s killed at %d s, all %d runs"
                            + " done and checked at %d s (%d attempts past the first)%n", seconds(started, appsUp), victim[0],
                    seconds(started, killed), RUNS, seconds(started, System.nanoTime()), retried);
            sse1.close();
            sse2.close();
            editor.close();
        }
    }

    private static long seconds(long from, long to) {
        return (to - from) / 1_000_000_000L;
    }

    private static boolean midRun(JdbcClient db, String ownerLike) {
        return db.sql("""
                SELECT count(*) FROM runs r WHERE r.status = 'RUNNING' AND r.lease_owner LIKE ?
                  AND EXISTS (SELECT 1 FROM run_metrics m WHERE m.run_id = r.id AND m.kind = 'EPOCH')
                  AND NOT EXISTS (SELECT 1 FROM run_metrics m WHERE m.run_id = r.id AND m.kind = 'EPOCH'
                                  AND (m.payload->>'epoch')::int >= ?)""")
                .params(ownerLike, EPOCHS - 1).query(Long.class).single() > 0;
    }

    private static UUID queue(Api api, UUID project, UUID designId, UUID dataset, int i) {
        Object data = i % 3 == 0 ? Api.map("datasetId", dataset, "targetColumn", "label")
                : Api.map("builtin", "moons", "limit", 1000);
        Api.Res r = api.post("/api/projects/" + project + "/runs", Api.map("designId", designId,
                "version", 1, "dataset", data, "config", Api.map("epochs", EPOCHS, "batchSize", 8)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.id();
    }

    private static byte[] moonsCsv(int rows) {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < rows; i++) {
            int label = i % 2;
            double t = Math.PI * random.nextDouble();
            double x = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double y = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%d%n", x + random.nextGaussian() * 0.1,
                    y + random.nextGaussian() * 0.1, label));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Process startApp(String name, int port, AppCluster.SharedStorage storage) throws IOException {
        return cluster.startApp(name, AppInstance.class, port, storage, "--netwright.jobs.local-workers=1",
                "--netwright.jobs.lease-seconds=6", "--netwright.jobs.reaper-seconds=1");
    }

    private void startWorker(String name, int port, String secret) throws IOException {
        workers.put(name, cluster.startWorker(name, port, secret));
    }

    private void waitFor(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        cluster.waitFor(what, limit, done);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A Server-Sent Events client that keeps every line it receives. */
    private static final class Sse implements AutoCloseable {
        private final List<String> lines;
        private final Thread reader;

        private Sse(List<String> lines, Thread reader) {
            this.lines = lines;
            this.reader = reader;
        }

        static Sse open(int port, String token, String path) {
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                try {
                    HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + path))
                            .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                            .build(), HttpResponse.BodyHandlers.ofLines());
                    lines.add("status:" + r.statusCode());
                    r.body().forEach(lines::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    lines.add("closed:" + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return new Sse(lines, t);
        }

        private static String bare(String line) {
            return line.replace(" ", "");
        }

        /** A line starting with {@code start}, or (for JSON bits) containing it. */
        boolean has(String start) {
            return lines.stream().anyMatch(l -> bare(l).startsWith(bare(start)) || l.contains(start));
        }

        long count(String line) {
            return lines.stream().filter(l -> bare(l).equals(bare(line))).count();
        }

        /** The data line of the first event named {@code event}. */
        String dataOf(String event) {
            for (int i = 0; i < lines.size(); i++) {
                if (bare(lines.get(i)).equals("event:" + event)) {
                    for (int j = i + 1; j < lines.size(); j++) {
                        if (lines.get(j).startsWith("data:")) {
                            return lines.get(j).substring(5);
                        }
                    }
                }
            }
            return "";
        }

        @Override
        public void close() {
            reader.interrupt();
        }
    }
}
