package dev.netwright.frontend.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.run.RunView;
import dev.netwright.engine.api.RunStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RunComparisonTest {
    private static RunView run(String config, int version) {
        JsonMapper json = JsonMapper.shared();
        UUID id = UUID.randomUUID();
        return new RunView(id, "mlp v" + version + " · run 1", List.of(), id, id, id, version, "mlp",
                json.readTree("{\"builtin\":\"iris\"}"), "Iris · 150 rows", json.readTree(config), "default",
                RunStatus.SUCCEEDED, 0, 1, 3, false, null, null, null, "ada", OffsetDateTime.now(), null, null, null, 0,
                null, null, null, null, null);
    }

    @Test
    void rowsMarkSettingsThatDifferAndShowDefaultsAsEmpty() {
        List<RunComparison.Row> rows = RunComparison.rows(List.of(
                run("{\"epochs\":5,\"learningRate\":0.001,\"seed\":null}", 1),
                run("{\"epochs\":5,\"learningRate\":0.01,\"l2\":0.0001}", 2)));
        assertThat(rows).extracting(RunComparison.Row::setting)
                .containsExactly("design", "dataset", "epochs", "l2", "learningRate");
        assertThat(rows.get(0).values()).containsExactly("mlp v1", "mlp v2");
        assertThat(rows.get(0).differs()).isTrue();
        assertThat(rows.get(1).differs()).isFalse();
        assertThat(rows.get(2).differs()).isFalse();
        assertThat(rows.get(3).values()).containsExactly("", "1.0E-4");
        assertThat(rows.get(3).differs()).isTrue();
        assertThat(rows.get(4).values()).containsExactly("0.001", "0.01");
    }
}
