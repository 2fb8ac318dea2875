package dev.netwright.backend.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: absurd settings are refused at creation with a 400 naming the field (never queued to fail in the
 * worker), with the limits of the one settings record; and the stored settings keep the API's JSON shape.
 */
class RunSettingsLimitsTest extends RunTestSupport {

    private Api.Res create(Api owner, UUID[] pd, Map<String, Object> dataset, Map<String, Object> config) {
        return owner.post("/api/projects/" + pd[0] + "/runs", Api.map("designId", pd[1], "dataset", dataset,
                "config", config, "queue", uniqueQueue("limits")));
    }

    @Test
    void absurdValuesAreRefusedNamingTheFieldAndNothingIsQueued() {
        Api owner = newUser("limits");
        UUID[] pd = projectWithDesign(owner);
        Map<String, Object> moons = Api.map("builtin", "moons");

        Api.Res batch = create(owner, pd, moons, Api.map("batchSize", 1_000_000_000));
        assertThat(batch.status()).as(batch.text()).isEqualTo(400);
        assertThat(batch.json().get("detail").asString())
                .isEqualTo("'config': 'batchSize' must be between 1 and 65,536, got 1,000,000,000");
        assertThat(batch.json().get("errors").get(0).get("path").asString()).isEqualTo("config.batchSize");

        Api.Res epochs = create(owner, pd, moons, Api.map("epochs", 100_000));
        assertThat(epochs.status()).isEqualTo(400);
        assertThat(epochs.text()).contains("'epochs' must be between 1 and 10,000");

        Api.Res limit = create(owner, pd, Api.map("builtin", "moons", "limit", -3), Api.map());
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.text()).contains("'dataset.limit'");

        Api.Res monitor = create(owner, pd, moons, Api.map("loss", "mse", "earlyStoppingPatience", 2,
                "monitor", "val-accuracy"));
        assertThat(monitor.status()).isEqualTo(400);
        assertThat(monitor.text()).contains("'monitor'");

        assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE project_id = ?").param(pd[0]).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void theStoredSettingsKeepTheApisNamesAndIds() {
        Api owner = newUser("shape");
        UUID[] pd = projectWithDesign(owner);
        Api.Res run = create(owner, pd, Api.map("builtin", "moons"), Api.map("optimizer", "SGD", "schedule", "step",
                "earlyStoppingPatience", 3, "monitor", "val_accuracy", "devices", "cpu"));
        assertThat(run.status()).as(run.text()).isEqualTo(201);
        var config = run.json().get("config");
        assertThat(config.get("optimizer").asString()).isEqualTo("sgd");
        assertThat(config.get("learningRate").asDouble()).as("the optimizer's own default").isEqualTo(0.01);
        assertThat(config.get("schedule").asString()).isEqualTo("step");
        assertThat(config.get("monitor").asString()).isEqualTo("val-accuracy");
        assertThat(config.get("devices").asString()).isEqualTo("cpu");
        assertThat(config.get("loss").isNull()).as("left to the task").isTrue();
        assertThat(config.get("epochs").asInt()).isEqualTo(10);
    }
}
