package dev.netwright.backend.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Launching and watching sweeps over the 2-16-2 moons MLP of {@link RunTestSupport}. */
abstract class SweepTestSupport extends RunTestSupport {

    static Api.Res launch(Api api, UUID project, UUID design, Map<String, Object> overrides) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Api.map("name", "test sweep", "designId", design,
                "dataset", Api.map("builtin", "moons", "limit", 300),
                "config", Api.map("epochs", 2, "batchSize", 32, "learningRate", 0.01, "seed", 7),
                "method", "random", "seed", 3, "objective", "val_accuracy", "maxTrials", 4, "maxConcurrent", 2,
                "parameters", Api.map("learningRate", Api.map("logUniform", List.of(0.003, 0.1)),
                        "hidden.units", Api.map("choice", List.of(4, 16)))));
        body.putAll(overrides);
        return api.post("/api/projects/" + project + "/sweeps", body);
    }

    /** Polls the sweep until {@code done} holds, checking {@code always} on every answer on the way. */
    static Api.Res await(Api api, UUID sweep, Duration timeout, Predicate<Api.Res> done, Predicate<Api.Res> always) {
        long end = System.nanoTime() + timeout.toNanos();
        Api.Res r;
        do {
            r = api.get("/api/sweeps/" + sweep);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(always.test(r)).as("invariant broken: " + r.text()).isTrue();
            if (done.test(r)) {
                return r;
            }
            sleep(150);
        } while (System.nanoTime() < end);
        throw new AssertionError("sweep " + sweep + " did not get there in " + timeout + ": " + r.text());
    }

    static Predicate<Api.Res> state(String... states) {
        return r -> List.of(states).contains(r.str("state"));
    }

    static List<Integer> trialNumbers(Api.Res sweep) {
        List<Integer> numbers = new java.util.ArrayList<>();
        sweep.json().get("trials").forEach(t -> numbers.add(t.get("number").asInt()));
        return numbers;
    }
}
