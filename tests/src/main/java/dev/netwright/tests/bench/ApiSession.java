package dev.netwright.tests.bench;

import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-up user of the benchmark's server preparing what the API benchmark measures, through the REST API as a
 * user's script would: a workspace and project, a design from a template, a training run, the trained model's
 * description and its download. Authenticates with an API token made after sign-up (the session's cookies and CSRF
 * token only serve the token's creation), the way a service calling the prediction API does.
 */
final class ApiSession {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    private final String token;
    private String project;

    ApiSession(String base) throws Exception {
        this.base = base;
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        call("POST", "/api/auth/signup", Map.of("username", name, "email", name + "@example.org",
                "password", "api benchmark password"), 201, null);
        token = call("POST", "/api/tokens", Map.of("name", "bench"), 201, null).get("token").asString();
    }

    /** The value of the Authorization header the API's clients send. */
    String authorization() {
        return "Bearer " + token;
    }

    /** Queues a run of template {@code templateId} on the first {@code samples} of Fashion-MNIST; its id. */
    String train(String templateId, int samples, TrainingSettings settings) throws Exception {
        if (project == null) {
            String ws = call("POST", "/api/workspaces", Map.of("name", "bench"), 201, token).get("id").asString();
            project = call("POST", "/api/workspaces/" + ws + "/projects", Map.of("name", "bench"), 201, token)
                    .get("id").asString();
        }
        String design = call("POST", "/api/projects/" + project + "/designs", Map.of("name", templateId,
                "templateId", templateId), 201, token).get("designId").asString();
        return call("POST", "/api/projects/" + project + "/runs", Map.of("designId", design,
                "dataset", Map.of("builtin", "fashion-mnist", "limit", samples), "config", settings.toMap()), 201,
                token).get("id").asString();
    }

    /** Waits for the run to end; fails unless it succeeded (its model id is the run id). */
    void awaitSuccess(String run, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode view;
        do {
            Thread.sleep(500);
            view = call("GET", "/api/runs/" + run, null, 200, token);
        } while (!RunStatus.valueOf(view.get("status").asString()).isFinal() && System.nanoTime() < deadline);
        if (RunStatus.valueOf(view.get("status").asString()) != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("run " + run + " ended " + view.get("status").asString() + ": "
                    + view.path("failure").asString(""));
        }
    }

    /** {@code GET /api/models/{id}}: what the model takes and gives. */
    JsonNode describeModel(String model) throws Exception {
        return call("GET", "/api/models/" + model, null, 200, token);
    }

    /**
     * The run's model ZIP as a user downloads it ({@code GET /api/runs/{id}/artifact}), unpacked into {@code dir}:
     * model.json (normalisation, classes), the weights, and the PyTorch export (pytorch/model.py, weights.npz).
     */
    Path downloadModel(String run, Path dir) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/runs/" + run + "/artifact"))
                .header("Authorization", authorization()).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/runs/" + run + "/artifact answered " + r.statusCode());
        }
        Files.createDirectories(dir);
        try (ZipInputStream zip = new ZipInputStream(r.body())) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        return dir;
    }

    private JsonNode call(String method, String path, Object body, int expected, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        // the signed-up session answers state changes only with its CSRF token (the XSRF-TOKEN cookie)
        ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
                .ifPresent(c -> b.header("X-XSRF-TOKEN", c.getValue()));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }
}
