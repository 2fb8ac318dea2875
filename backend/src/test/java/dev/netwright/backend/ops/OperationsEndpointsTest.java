package dev.netwright.backend.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description, its UI, and the Prometheus scrape endpoint with the queue and worker meters. */
class OperationsEndpointsTest extends RunTestSupport {

    @Test
    void openApiDescriptionListsTheMainEndpointsWithoutSigningIn() {
        Api anonymous = new Api(port);
        Api.Res spec = anonymous.get("/api/docs/openapi.json");
        assertThat(spec.status()).as(spec.text()).isEqualTo(200);
        assertThat(spec.json().get("openapi").asString()).startsWith("3.");
        JsonNode paths = spec.json().get("paths");
        for (String path : List.of("/api/workspaces", "/api/workspaces/{id}/members",
                "/api/projects/{projectId}/designs",
                "/api/designs/{id}/versions", "/api/projects/{projectId}/datasets", "/api/projects/{projectId}/runs",
                "/api/runs/{id}/metrics", "/api/runs/{id}/events", "/api/runs/{id}/artifact", "/api/auth/login",
                "/api/tokens", "/api/analyze")) {
            assertThat(paths.has(path)).as("%s in %s", path, paths.propertyNames()).isTrue();
        }
        assertThat(paths.get("/api/designs/{id}/versions").has("post")).isTrue();
        assertThat(paths.propertyNames()).as("the worker protocol is not advertised")
                .noneMatch(p -> p.startsWith("/api/workers/"));

        Api.Res docs = anonymous.get("/api/docs");
        assertThat(docs.status()).isEqualTo(302);
        assertThat(docs.header("Location")).isEqualTo("/api/docs/index.html");
        Api.Res ui = anonymous.get("/api/docs/index.html");
        assertThat(ui.status()).as(ui.text()).isIn(200, 302);
        Api.Res page = anonymous.get("/api/docs/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("swagger-ui");
    }

    /**
     * The settings record's JSON form is written as a map, so springdoc alone shows {@code config} as an open object;
     * the document describes its fields, enum ids, defaults and limits instead, for requests and views alike.
     */
    @Test
    void openApiDescribesTheTrainingSettingsOfRunsAndSweeps() {
        JsonNode doc = new Api(port).get("/api/docs/openapi.json").json();
        JsonNode schemas = doc.get("components").get("schemas");
        JsonNode settings = schemas.get("TrainingSettings").get("properties");
        assertThat(texts(settings.get("optimizer").get("enum"))).contains("adam", "sgd");
        assertThat(settings.get("optimizer").get("default").asString()).isEqualTo("adam");
        assertThat(texts(settings.get("loss").get("enum"))).contains("softmax-cross-entropy", "mse");
        assertThat(texts(settings.get("monitor").get("enum"))).contains("val-loss");
        assertThat(texts(settings.get("schedule").get("enum"))).contains("constant", "step");
        assertThat(texts(settings.get("weightInit").get("enum"))).contains("xavier");
        assertThat(texts(settings.get("imagePreprocessing").get("enum"))).containsExactly("none", "imagenet");
        assertThat(texts(settings.get("classWeights").get("enum"))).containsExactly("none", "balanced");
        JsonNode batchSize = settings.get("batchSize");
        assertThat(batchSize.get("type").asString()).isEqualTo("integer");
        assertThat(batchSize.get("default").asInt()).isEqualTo(32);
        assertThat(batchSize.get("minimum").asInt()).isEqualTo(1);
        assertThat(batchSize.get("maximum").asInt()).isEqualTo(65_536);
        assertThat(settings.get("learningRate").get("type").asString()).isEqualTo("number");
        assertThat(settings.get("flip").get("type").asString()).isEqualTo("boolean");
        assertThat(settings.propertyNames()).as("every field of the record")
                .containsExactlyInAnyOrderElementsOf(dev.netwright.engine.api.TrainingSettings.fieldNames());
        for (String holder : List.of("CreateRun", "RunView", "CreateSweep", "SweepView")) {
            assertThat(schemas.get(holder).get("properties").get("config").toString()).as(holder)
                    .contains("#/components/schemas/TrainingSettings");
        }
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array).as("an enum").isNotNull();
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void prometheusExposesQueueDepthWorkersAndRunDurationsToAdministratorsOnly() {
        newUser("prom-first"); // the first account of an install is an administrator; the next ones are not
        Api owner = newUser("prom");
        assertThat(owner.get("/actuator/prometheus").status()).as("not for ordinary users").isEqualTo(403);
        assertThat(new Api(port).get("/actuator/prometheus").status()).isEqualTo(401);
        jdbc.sql("UPDATE users SET admin = true WHERE username = ?").param(username(owner)).update();
        String token = owner.post("/api/tokens", Api.map("name", "scraper")).str("token");
        Api scraper = new Api(port).bearer(token);

        UUID[] pd = projectWithDesign(owner);
        // One run on a queue nobody serves stays queued; one on the in-process workers' queue finishes.
        String parked = uniqueQueue("parked");
        created(createRun(owner, pd[0], pd[1], parked, 0, 1, 100));
        UUID done = created(createRun(owner, pd[0], pd[1], "default", 0, 1, 100));
        // a worker pool (a token's queue) with nothing queued reports 0, which is what lets it scale to zero
        String pool = uniqueQueue("gpu-pool");
        assertThat(scraper.post("/api/admin/worker-tokens", Api.map("name", "pool", "queues", List.of(pool))).status())
                .isEqualTo(201);
        awaitStatus(owner, done, Duration.ofSeconds(60), "SUCCEEDED");

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Double> m;
        do { // queue gauges are cached for 5 s
            Api.Res r = scraper.get("/actuator/prometheus");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.header("Content-Type")).contains("text/plain");
            m = samples(r.text());
        } while ((value(m, "netwright_runs_state{state=\"QUEUED\"}") < 1
                || value(m, "netwright_runs_state{state=\"SUCCEEDED\"}") < 1
                || value(m, "netwright_runs_queued{queue=\"" + parked + "\"}") < 1
                || value(m, "netwright_runs_queued{queue=\"" + pool + "\"}") < 0)
                && System.nanoTime() < end && pause());

        assertThat(value(m, "netwright_runs_state{state=\"QUEUED\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(m, "netwright_runs_state{state=\"SUCCEEDED\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(m, "netwright_runs_state{state=\"RUNNING\"}")).isGreaterThanOrEqualTo(0);
        assertThat(value(m, "netwright_runs_queued{queue=\"" + parked + "\"}")).as("queue depth per queue")
                .isEqualTo(1);
        assertThat(value(m, "netwright_runs_queued{queue=\"" + pool + "\"}")).as("an idle pool").isZero();
        assertThat(value(m, "netwright_runs_queued{queue=\"default\"}")).as("the in-process workers' queue")
                .isGreaterThanOrEqualTo(0);
        assertThat(value(m, "netwright_runs_oldest_queued_seconds")).isBetween(0.0, 3600.0);
        assertThat(value(m, "netwright_runs_duration_seconds_count{status=\"SUCCEEDED\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(m, "netwright_runs_duration_seconds_sum{status=\"SUCCEEDED\"}")).isGreaterThan(0);
        assertThat(m.keySet()).anyMatch(k -> k.startsWith("netwright_runs_duration_seconds_bucket{"));
        assertThat(value(m, "netwright_runs_wait_seconds_count")).isGreaterThanOrEqualTo(1);
        // the in-process worker polls every 200 ms in tests: it is live and its last contact is recent
        assertThat(value(m, "netwright_workers_live")).isGreaterThanOrEqualTo(1);
        List<Double> ages = m.entrySet().stream()
                .filter(e -> e.getKey().startsWith("netwright_worker_heartbeat_age_seconds{worker=\"local-"))
                .map(Map.Entry::getValue).toList();
        assertThat(ages).isNotEmpty().allSatisfy(a -> assertThat(a).isBetween(0.0, 5.0));
        assertThat(m.keySet()).anyMatch(k -> k.startsWith("http_server_requests_seconds_count{"));
        // requests are timed as a whole, not filter by filter (SecurityConfiguration.securityObservations)
        assertThat(m.keySet()).noneMatch(k -> k.startsWith("spring_security_filterchains"))
                .noneMatch(k -> k.startsWith("spring_security_authorizations"));
    }

    @Test
    void kubernetesProbesAreThereWithoutSigningIn() {
        // deploy/kubernetes probes these; they exist because management.endpoint.health.probes.enabled is set
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            Api.Res r = new Api(port).get(probe);
            assertThat(r.status()).as(probe + ": " + r.text()).isEqualTo(200);
            assertThat(r.str("status")).as(probe).isEqualTo("UP");
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*})?) (\\S+)$",
            Pattern.MULTILINE);

    /** Prometheus text format: series name with labels (as written, minus the trailing comma) to value. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> out = new java.util.HashMap<>();
        Matcher mm = SAMPLE.matcher(text);
        while (mm.find()) {
            out.put(mm.group(1).replace(",}", "}"), Double.parseDouble(mm.group(3)));
        }
        return out;
    }

    private static double value(Map<String, Double> m, String series) {
        return m.getOrDefault(series, Double.NaN).isNaN() ? -1 : m.get(series);
    }

    private static boolean pause() {
        sleep(500);
        return true;
    }
}
