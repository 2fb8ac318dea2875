package dev.netwright.frontend.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.sweep.SweepState;
import dev.netwright.backend.sweep.SweepView;
import dev.netwright.backend.sweep.TrialStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SweepChartsTest {
    private static final JsonMapper JSON = JsonMapper.shared();

    private static SweepView.TrialView trial(int n, String status, Double objective, double lr, int units,
                                             Double params) {
        return new SweepView.TrialView(n, UUID.randomUUID(), TrialStatus.valueOf(status),
                Map.of("learningRate", lr, "hidden.units", units),
                objective, params, List.of(), 2, 2, 1.0, null, null, OffsetDateTime.now(), null);
    }

    private static SweepView sweep(String direction, List<SweepView.TrialView> trials, List<Integer> front) {
        JsonNode space = JSON.readTree("""
                {"learningRate": {"logUniform": [0.001, 0.1]}, "hidden.units": {"choice": [4, 16]}}""");
        return new SweepView(UUID.randomUUID(), UUID.randomUUID(), "s", UUID.randomUUID(), 1, "d", null, null, space,
                "random", 1, "val_accuracy", direction, front == null ? null : "parameters", "none", 10, 0, 2,
                "default", SweepState.RUNNING, null, "u", OffsetDateTime.now(), null,
                new SweepView.Counts(trials.size(), 0, 0, trials.size(), 0, 0, 0), null, null, front, trials);
    }

    @Test
    void bestSoFarNeverGetsWorseAndSkipsTrialsWithoutAValue() {
        SweepView s = sweep("maximize", List.of(trial(0, "COMPLETED", 0.8, 0.01, 4, null),
                trial(1, "COMPLETED", 0.7, 0.01, 4, null), trial(2, "RUNNING", null, 0.01, 4, null),
                trial(3, "COMPLETED", 0.9, 0.01, 4, null), trial(4, "PRUNED", 0.95, 0.01, 4, null)), null);
        JsonNode option = SweepCharts.bestSoFar(s);
        assertThat(option.at("/series/0/data").toString()).isEqualTo("[[0.0,0.8],[1.0,0.8],[3.0,0.9]]");
        assertThat(option.at("/series/1/data")).as("each completed trial").hasSize(3);
        SweepView min = sweep("minimize", List.of(trial(0, "COMPLETED", 0.5, 0.01, 4, null),
                trial(1, "COMPLETED", 0.3, 0.01, 4, null), trial(2, "COMPLETED", 0.4, 0.01, 4, null)), null);
        assertThat(SweepCharts.bestSoFar(min).at("/series/0/data").toString())
                .isEqualTo("[[0.0,0.5],[1.0,0.3],[2.0,0.3]]");
    }

    @Test
    void parallelCoordinatesHaveAnAxisPerParameterAndALinePerScoredTrial() {
        SweepView s = sweep("maximize", List.of(trial(0, "COMPLETED", 0.8, 0.002, 4, null),
                trial(1, "PRUNED", 0.6, 0.05, 16, null), trial(2, "QUEUED", null, 0.01, 4, null)), null);
        JsonNode option = SweepCharts.parallel(s);
        JsonNode axes = option.get("parallelAxis");
        assertThat(axes).hasSize(3);
        assertThat(axes.get(0).get("name").asString()).isEqualTo("learningRate");
        assertThat(axes.get(0).get("type").asString()).isEqualTo("log");
        assertThat(axes.get(1).get("type").asString()).isEqualTo("category");
        assertThat(axes.get(1).get("data").toString()).isEqualTo("[\"4\",\"16\"]");
        assertThat(axes.get(2).get("name").asString()).isEqualTo("val_accuracy");
        assertThat(option.at("/series/0/type").asString()).isEqualTo("parallel");
        assertThat(option.at("/series/0/data").toString()).isEqualTo("[[0.002,\"4\",0.8],[0.05,\"16\",0.6]]");
    }

    @Test
    void paretoChartSeparatesTheFrontAndJoinsItByParameterCount() {
        SweepView s = sweep("maximize", List.of(trial(0, "COMPLETED", 0.9, 0.01, 16, 82.0),
                trial(1, "COMPLETED", 0.8, 0.01, 4, 22.0), trial(2, "COMPLETED", 0.7, 0.01, 16, 82.0)),
                List.of(0, 1));
        JsonNode option = SweepCharts.pareto(s);
        assertThat(option.at("/series/0/data").toString()).isEqualTo("[[82.0,0.7]]");
        assertThat(option.at("/series/1/data").toString()).isEqualTo("[[22.0,0.8],[82.0,0.9]]");
    }
}
