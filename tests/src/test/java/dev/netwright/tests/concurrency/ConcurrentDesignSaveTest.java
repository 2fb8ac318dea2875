package dev.netwright.tests.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Optimistic locking under a race: several clients (two sessions of the same user) save on the same design version
 * at the same moment. Exactly one save becomes version 2, every other one is refused with 409, and nothing is lost
 * or overwritten in the database.
 */
class ConcurrentDesignSaveTest extends ApiTestBase {

    @Test
    void concurrentSavesOnTheSameVersionExactlyOneWins() throws Exception {
        Api editor = newUser("designer");
        UUID project = project(editor, workspace(editor, "Designs"));
        Api.Res created = editor.post("/api/projects/" + project + "/designs",
                Api.map("templateId", "mlp-fashion-mnist"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        UUID design = UUID.fromString(created.str("designId"));
        Api second = new Api(port);
        assertThat(second.post("/api/auth/login", Api.map("username", username(editor), "password", PASSWORD))
                .status()).isEqualTo(200);
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Api client = i % 2 == 0 ? editor : second;
            ObjectNode content = withUnits(editor, design, "hidden1", 100 + i);
            results.add(pool.submit(() -> {
                start.await();
                return client.post("/api/designs/" + design + "/versions",
                        Api.map("baseVersion", 1, "design", content)).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(clients - 1);
        assertThat(jdbc.sql("SELECT count(*) FROM design_versions WHERE design_id = ?").param(design)
                .query(Long.class).single()).isEqualTo(2);
    }

    /** The latest content with the units of node {@code nodeId} set. */
    private static ObjectNode withUnits(Api editor, UUID design, String nodeId, int units) {
        ObjectNode content = (ObjectNode) editor.get("/api/designs/" + design).json().get("content").deepCopy();
        for (JsonNode n : content.get("nodes")) {
            if (n.get("id").asString().equals(nodeId)) {
                ((ObjectNode) n.get("params")).put("units", units);
            }
        }
        return content;
    }
}
