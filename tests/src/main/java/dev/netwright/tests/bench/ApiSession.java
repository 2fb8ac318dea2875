package dev.netwright.tests.bench;

import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.JsonNode;

/**
 * A signed-up user of the benchmark's server ({@link ApiUser}) preparing what the API benchmark measures, through the
 * REST API as a user's script would: a workspace and project, a design from a template, a training run, the trained
 * model's description and its download.
 */
final class ApiSession {
    private final ApiUser user;
    private String project;

    ApiSession(String base) throws Exception {
        user = new ApiUser(base);
    }

    /** The value of the Authorization header the API's clients send. */
    String authorization() {
        return user.authorization();
    }

    /** Queues a run of template {@code templateId} on the first {@code samples} of Fashion-MNIST; its id. */
    String train(String templateId, int samples, TrainingSettings settings) throws Exception {
        if (project == null) {
            String ws = user.call("POST", "/api/workspaces", Map.of("name", "bench"), 201).get("id").asString();
            project = user.call("POST", "/api/workspaces/" + ws + "/projects", Map.of("name", "bench"), 201)
                    .get("id").asString();
        }
        String design = user.call("POST", "/api/projects/" + project + "/designs", Map.of("name", templateId,
                "templateId", templateId), 201).get("designId").asString();
        return user.call("POST", "/api/projects/" + project + "/runs", Map.of("designId", design,
                "dataset", Map.of("builtin", "fashion-mnist", "limit", samples), "config", settings.toMap()), 201)
                .get("id").asString();
    }

    /** Waits for the run to end; fails unless it succeeded (its model id is the run id). */
    void awaitSuccess(String run, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode view;
        do {
            Thread.sleep(500);
            view = user.call("GET", "/api/runs/" + run, null, 200);
        } while (!RunStatus.valueOf(view.get("status").asString()).isFinal() && System.nanoTime() < deadline);
        if (RunStatus.valueOf(view.get("status").asString()) != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("run " + run + " ended " + view.get("status").asString() + ": "
                    + view.path("failure").asString(""));
        }
    }

    /** {@code GET /api/models/{id}}: what the model takes and gives. */
    JsonNode describeModel(String model) throws Exception {
        return user.call("GET", "/api/models/" + model, null, 200);
    }

    /**
     * The run's model ZIP as a user downloads it ({@code GET /api/runs/{id}/artifact}), unpacked into {@code dir}:
     * model.json (normalisation, classes), the weights, and the PyTorch export (pytorch/model.py, weights.npz).
     */
    Path downloadModel(String run, Path dir) throws Exception {
        HttpRequest request = user.request("/api/runs/" + run + "/artifact").timeout(Duration.ofSeconds(60)).GET()
                .build();
        HttpResponse<InputStream> r = user.send(request, HttpResponse.BodyHandlers.ofInputStream());
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
}
