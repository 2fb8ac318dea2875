package dev.netwright.frontend.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.frontend.sweep.SweepRange.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules every typed sweep range goes through (launch dialog rows and the designer's property panel). */
class SweepRangeTest {

    @Test
    void typedValuesKeepTheirTypes() {
        SweepRange options = SweepRange.parse("optimizer", Kind.CATEGORICAL, "adam, sgd");
        assertThat(options.json()).isEqualTo(Map.of("choice", List.of("adam", "sgd")));
        assertThat(SweepRange.parse("batchSize", Kind.CATEGORICAL, "32,64").values()).containsExactly(32, 64);
        assertThat(SweepRange.parse("learningRate", Kind.LOG_UNIFORM, "1e-4, 0.1").json())
                .isEqualTo(Map.of("logUniform", List.of(1e-4, 0.1)));
        assertThat(SweepRange.parse("learningRate", Kind.LOG_UNIFORM, "1e-4, 0.1").label()).isEqualTo("1.0E-4..0.1 log");
        assertThat(Kind.ofLabel("log-uniform")).isEqualTo(Kind.LOG_UNIFORM);
    }

    @Test
    void theEngineRulesApplyBeforeLaunch() {
        assertThatThrownBy(() -> SweepRange.parse("epochs", Kind.INTEGER, "2.5, 6"))
                .hasMessage("'epochs': an integer range needs whole numbers");
        assertThatThrownBy(() -> SweepRange.parse("l2", Kind.UNIFORM, "0.1, 0.1"))
                .hasMessageContaining("real range needs low < high");
        assertThatThrownBy(() -> SweepRange.parse("batchSize", Kind.CATEGORICAL, "32,,64"))
                .hasMessage("'batchSize': an empty value between commas");
        assertThatThrownBy(() -> SweepRange.parse("batchSize", null, "32"))
                .hasMessage("'batchSize': pick a kind of range");
    }
}
