package dev.netwright.backend.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.engine.search.Sampler;
import dev.netwright.engine.search.Trial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * TPE on the platform learns from the trials stored in PostgreSQL: past its 10 random start-up trials, every
 * proposal is exactly what the engine's sampler answers for the completed trials and their objectives as stored.
 */
class TpeHistoryTest extends SweepTestSupport {
    @Autowired
    SweepStore store;

    @Test
    void tpeProposalsAfterTheStartUpTrialsComeFromTheStoredHistory() {
        Api owner = newUser("tpe");
        UUID[] pd = projectWithDesign(owner);
        // one at a time, so trial n is proposed when trials 0..n-1 have all finished
        UUID sweep = created(launch(owner, pd[0], pd[1], Map.of("method", "tpe", "maxTrials", 12,
                "maxConcurrent", 1, "dataset", Api.map("builtin", "moons", "limit", 200),
                "config", Api.map("epochs", 1, "batchSize", 32, "seed", 7))));
        Api.Res done = await(owner, sweep, Duration.ofMinutes(4), state("COMPLETED"),
                r -> r.json().get("counts").get("queued").asInt() + r.json().get("counts").get("running").asInt() <= 1);
        assertThat(trialNumbers(done)).hasSize(12);

        SweepDefinition definition = store.find(sweep).orElseThrow();
        List<TrialRecord> trials = store.trials(definition);
        List<Trial> history = trials.stream().map(t -> t.toTrial(definition.objective(), definition.direction()))
                .toList();
        assertThat(history).allMatch(t -> t.state() == Trial.State.COMPLETED && t.objective().isPresent());
        Sampler tpe = definition.spec().sampler();
        for (int n = 10; n < 12; n++) {
            Map<String, Object> proposed = tpe.next(history.subList(0, n)).orElseThrow();
            assertThat(trials.get(n).params()).as("trial " + n).isEqualTo(proposed);
        }
        // and the model's proposals differ from what the random start-up would have drawn for those numbers
        Map<String, Object> randomWouldBe = new dev.netwright.engine.search.RandomSampler(definition.spec().space(),
                definition.seed()).next(history.subList(0, 10)).orElseThrow();
        assertThat(trials.get(10).params()).isNotEqualTo(randomWouldBe);
    }
}
