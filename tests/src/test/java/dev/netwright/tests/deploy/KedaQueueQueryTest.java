package dev.netwright.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The queries KEDA's PostgreSQL triggers run (deploy/kubernetes/keda/*) are run here against the real schema: each
 * counts the runs its pool would claim, queued or running, and stops counting a run once it ends. (Nobody serves the
 * queues {@code cpu} and {@code gpu-a100} in this test application, so the counts move only with this test's runs.)
 */
class KedaQueueQueryTest extends RunTestSupport {

    private Map<String, String> queriesByPool() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        for (KubernetesManifestsTest.Rendered r : KubernetesManifestsTest.renderAll()) {
            for (GenericKubernetesResource so : r.keda("ScaledObject")) {
                String pool = so.getMetadata().getLabels().get("netwright.dev/worker-pool");
                queries.put(pool, so.get("spec", "triggers", 0, "metadata", "query"));
            }
        }
        assertThat(queries).containsOnlyKeys("cpu", "gpu-a100");
        return queries;
    }

    private long count(String query) {
        return jdbc.sql(query).query(Long.class).single();
    }

    @Test
    void eachPoolsQueryCountsTheRunsOfItsQueuesThatAreWaitingOrTraining() throws Exception {
        Map<String, String> queries = queriesByPool();
        long gpu0 = count(queries.get("gpu-a100"));
        long cpu0 = count(queries.get("cpu"));

        Api owner = newUser("keda");
        UUID[] pd = projectWithDesign(owner);
        UUID gpuRun = created(createRun(owner, pd[0], pd[1], "gpu-a100", 0, 1, 50));
        created(createRun(owner, pd[0], pd[1], "gpu-a100", 0, 1, 50));
        created(createRun(owner, pd[0], pd[1], "cpu", 0, 1, 50));
        created(createRun(owner, pd[0], pd[1], uniqueQueue("other"), 0, 1, 50));
        assertThat(count(queries.get("gpu-a100"))).as("two GPU runs waiting").isEqualTo(gpu0 + 2);
        assertThat(count(queries.get("cpu"))).as("one CPU run; another pool's run is not counted").isEqualTo(cpu0 + 1);

        // a run being trained still needs its worker: a scale-down must not count it away
        jdbc.sql("UPDATE runs SET status = 'RUNNING', lease_owner = 'w', lease_expires_at = now() + interval '1 minute',"
                + " started_at = now() WHERE id = ?").param(gpuRun).update();
        assertThat(count(queries.get("gpu-a100"))).isEqualTo(gpu0 + 2);
        jdbc.sql("UPDATE runs SET status = 'SUCCEEDED', finished_at = now(), lease_owner = NULL,"
                + " lease_expires_at = NULL WHERE id = ?").param(gpuRun).update();
        assertThat(count(queries.get("gpu-a100"))).as("an ended run frees its worker").isEqualTo(gpu0 + 1);
    }
}
