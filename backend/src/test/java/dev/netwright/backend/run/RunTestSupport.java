package dev.netwright.backend.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Helpers for run tests: a tiny trainable design (2-16-2 MLP for the two-moons data) and polling. */
public abstract class RunTestSupport extends ApiTestBase {

    /** A project holding one valid design; returns {project, design}. */
    protected UUID[] projectWithDesign(Api owner) {
        UUID ws = workspace(owner, "runs");
        UUID project = project(owner, ws);
        String json = new DesignJson().write(DesignBuilder.named("moons mlp")
                .node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 16, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build());
        Api.Res d = owner.post("/api/projects/" + project + "/designs",
                Api.map("name", "mlp", "design", Api.JSON.readTree(json)));
        assertThat(d.status()).as(d.text()).isEqualTo(201);
        return new UUID[] {project, UUID.fromString(d.str("designId"))};
    }

    protected static Api.Res createRun(Api api, UUID project, UUID design, String queue, int priority, int epochs,
                                       int limit) {
        return api.post("/api/projects/" + project + "/runs", Api.map("designId", design,
                "dataset", Api.map("builtin", "moons", "limit", limit),
                "config", Api.map("epochs", epochs, "batchSize", 32, "learningRate", 0.01),
                "queue", queue, "priority", priority));
    }

    protected static UUID created(Api.Res r) {
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.id();
    }

    /** Polls the run until its status is one of {@code wanted}; fails after {@code timeout}. */
    protected static Api.Res awaitStatus(Api api, UUID run, Duration timeout, String... wanted) {
        long end = System.nanoTime() + timeout.toNanos();
        Api.Res r;
        do {
            r = api.get("/api/runs/" + run);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            if (List.of(wanted).contains(r.str("status"))) {
                return r;
            }
            sleep(100);
        } while (System.nanoTime() < end);
        throw new AssertionError("run " + run + " did not reach " + List.of(wanted) + " in " + timeout + ": "
                + r.text());
    }

    protected static String uniqueQueue(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
