package dev.netwright.tests.load;

import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.api.RunStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the load clients do, as a team would: one shared workspace and project, editors each working on their own
 * design (saving versions, now and then starting a new design), everyone watching the runs list and a trained run's
 * metrics. Accounts use API tokens, as scripts do.
 */
final class LoadScenario {
    static final List<String> OPERATIONS = List.of("save-design", "create-design", "list-runs", "read-metrics",
            "read-design");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "load test password";
    /** A small valid design (two-moons MLP), written by the designer's canonical writer. */
    private static final String DESIGN = new DesignJson().write(DesignBuilder.named("load")
            .node("in", "Input", "shape", List.of(2))
            .then("hidden", "Dense", "units", 16, "activation", "relu")
            .then("out", "Dense", "units", 2, "activation", "softmax").build());

    private final List<String> bases;
    private final HttpClient http;
    private final List<String> tokens;
    private final String project;
    private final String run;

    private LoadScenario(List<String> bases, HttpClient http, List<String> tokens, String project, String run) {
        this.bases = bases;
        this.http = http;
        this.tokens = tokens;
        this.project = project;
        this.run = run;
    }

    /** One request's result: which operation, how long it took, and what was wrong (null when it succeeded). */
    record Outcome(String operation, long nanos, String error) {
    }

    /** Signs up {@code users} accounts sharing one workspace as editors, and trains one small run to watch. */
    static LoadScenario prepare(List<Integer> ports, int users) throws Exception {
        List<String> bases = ports.stream().map(p -> "http://127.0.0.1:" + p).toList();
        String base = bases.getFirst();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String name = "load" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            HttpClient session = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            expect(send(session, base, null, "POST", "/api/auth/signup", Map.of("username", name,
                    "email", name + "@example.org", "password", PASSWORD)), 201);
            tokens.add(expect(send(session, base, null, "POST", "/api/tokens", Map.of("name", "load")), 201)
                    .get("token").asString());
        }
        String owner = tokens.getFirst();
        String ws = expect(send(http, base, owner, "POST", "/api/workspaces", Map.of("name", "load")), 201)
                .get("id").asString();
        for (int i = 1; i < users; i++) {
            String username = expect(send(http, base, tokens.get(i), "GET", "/api/auth/me", null), 200)
                    .get("username").asString();
            String invitation = expect(send(http, base, owner, "POST", "/api/workspaces/" + ws + "/invitations",
                    Map.of("user", username, "role", "editor")), 201).get("id").asString();
            expect(send(http, base, tokens.get(i), "POST", "/api/invitations/" + invitation + "/accept", ""), 200);
        }
        String project = expect(send(http, base, owner, "POST", "/api/workspaces/" + ws + "/projects",
                Map.of("name", "load")), 201).get("id").asString();
        String design = expect(send(http, base, owner, "POST", "/api/projects/" + project + "/designs",
                Map.of("name", "watched", "design", JSON.readTree(DESIGN))), 201).get("designId").asString();
        String run = expect(send(http, base, owner, "POST", "/api/projects/" + project + "/runs", Map.of(
                "designId", design, "dataset", Map.of("builtin", "moons", "limit", 400),
                "config", Map.of("epochs", 3, "batchSize", 16))), 201).get("id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        RunStatus status;
        do {
            Thread.sleep(200);
            status = RunStatus.valueOf(expect(send(http, base, owner, "GET", "/api/runs/" + run, null), 200)
                    .get("status").asString());
        } while (!status.isFinal() && System.nanoTime() < deadline);
        if (status != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("the run to watch did not train: " + status);
        }
        return new LoadScenario(bases, http, tokens, project, run);
    }

    Client client(int index) {
        return new Client(index, tokens.get(index % tokens.size()), bases.get(index % bases.size()));
    }

    /** One simulated user: cycles of save, list runs, read metrics, read design, then a save or a new design. */
    final class Client {
        private final int index;
        private final String token;
        private final String base;
        private String design;
        private int version;
        private long round;

        Client(int index, String token, String base) {
            this.base = base;
            this.index = index;
            this.token = token;
        }

        int index() {
            return index;
        }

        void start() throws IOException, InterruptedException {
            Outcome created = createDesign();
            if (created.error() != null) {
                throw new IllegalStateException("could not create a design: " + created.error());
            }
        }

        Outcome next() throws InterruptedException {
            long r = round++;
            return switch ((int) (r % 5)) {
                case 0 -> save();
                case 1 -> timed("list-runs", "GET", "/api/projects/" + project + "/runs?size=20", null, 200);
                case 2 -> timed("read-metrics", "GET", "/api/runs/" + run + "/metrics?limit=200", null, 200);
                case 3 -> timed("read-design", "GET", "/api/designs/" + design, null, 200);
                default -> (r / 5) % 2 == 1 ? createDesign() : save();
            };
        }

        private Outcome createDesign() throws InterruptedException {
            Timed t = call("POST", "/api/projects/" + project + "/designs",
                    Map.of("name", "client " + index, "design", JSON.readTree(DESIGN)), 201);
            if (t.body() != null) {
                design = t.body().get("designId").asString();
                version = t.body().get("version").get("number").asInt();
            }
            return new Outcome("create-design", t.nanos(), t.error());
        }

        private Outcome save() throws InterruptedException {
            Timed t = call("POST", "/api/designs/" + design + "/versions", Map.of("baseVersion", version,
                    "design", JSON.readTree(DESIGN), "message", "round " + round), 201);
            if (t.body() != null) {
                version = t.body().get("version").get("number").asInt();
            }
            return new Outcome("save-design", t.nanos(), t.error());
        }

        private Outcome timed(String op, String method, String path, Object body, int status)
                throws InterruptedException {
            Timed t = call(method, path, body, status);
            return new Outcome(op, t.nanos(), t.error());
        }

        private record Timed(long nanos, JsonNode body, String error) {
        }

        private Timed call(String method, String path, Object body, int status) throws InterruptedException {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = request(http, base, token, method, path, body);
                long nanos = System.nanoTime() - t0;
                if (r.statusCode() != status) {
                    return new Timed(nanos, null, method + " " + path + " -> " + r.statusCode() + " "
                            + r.body().substring(0, Math.min(300, r.body().length())));
                }
                return new Timed(nanos, r.body().isEmpty() ? null : JSON.readTree(r.body()), null);
            } catch (IOException e) {
                return new Timed(System.nanoTime() - t0, null, method + " " + path + " failed: " + e);
            }
        }
    }

    private static JsonNode expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(HttpClient http, String base, String token, String method, String path,
                                             Object body) throws IOException, InterruptedException {
        return request(http, base, token, method, path, body);
    }

    private static HttpResponse<String> request(HttpClient http, String base, String token, String method,
                                                String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        // a signed-in session answers state changes only with its CSRF token (the XSRF-TOKEN cookie, sent back)
        http.cookieHandler().filter(java.net.CookieManager.class::isInstance).map(java.net.CookieManager.class::cast)
                .flatMap(cookies -> cookies.getCookieStore().getCookies().stream()
                        .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst())
                .ifPresent(c -> b.header("X-XSRF-TOKEN", c.getValue()));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(
                    body instanceof String s ? s : JSON.writeValueAsString(body)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
