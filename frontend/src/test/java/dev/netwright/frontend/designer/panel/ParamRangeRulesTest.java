package dev.netwright.frontend.designer.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.frontend.sweep.SweepRange;
import dev.netwright.frontend.sweep.SweepRange.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The property panel's range editor: which ranges fit a parameter, what it accepts and the sweep JSON it makes. */
class ParamRangeRulesTest {
    private static ParamRangeRules rules(String layer, String param) {
        ParamSpec spec = LayerCatalog.standard().find(layer).orElseThrow().params().stream()
                .filter(p -> p.name().equals(param)).findFirst().orElseThrow();
        return new ParamRangeRules(spec);
    }

    @Test
    void numbersAndChoicesCanBeSweptSwitchesAndShapesCannot() {
        var dense = LayerCatalog.standard().find("Dense").orElseThrow().params();
        assertThat(dense.stream().filter(ParamRangeRules::sweepable).map(ParamSpec::name))
                .contains("units", "activation").doesNotContain("useBias");
        assertThat(LayerCatalog.standard().find("Input").orElseThrow().params().stream()
                .filter(ParamRangeRules::sweepable)).isEmpty();
        assertThat(rules("Dense", "units").kinds()).containsExactly(Kind.CATEGORICAL, Kind.INTEGER);
        assertThat(rules("Dropout", "rate").kinds()).containsExactly(Kind.UNIFORM, Kind.LOG_UNIFORM, Kind.CATEGORICAL);
        assertThat(rules("Dense", "activation").kinds()).containsExactly(Kind.CATEGORICAL);
    }

    @Test
    void validRangesBecomeTheSweepFormat() {
        SweepRange units = rules("Dense", "units").parse("hidden1", Kind.CATEGORICAL, "64, 128,256");
        assertThat(units.json()).isEqualTo(Map.of("choice", List.of(64, 128, 256)));
        assertThat(units.label()).isEqualTo("64|128|256");
        assertThat(units.text()).isEqualTo("64, 128, 256");

        SweepRange rate = rules("Dropout", "rate").parse("dropout", Kind.UNIFORM, "0.1, 0.5");
        assertThat(rate.json()).isEqualTo(Map.of("uniform", List.of(0.1, 0.5)));
        assertThat(rate.label()).isEqualTo("0.1..0.5");
        assertThat(rules("Dropout", "rate").parse("dropout", Kind.LOG_UNIFORM, "0.01, 0.5").json())
                .isEqualTo(Map.of("logUniform", List.of(0.01, 0.5)));

        assertThat(rules("Conv2D", "filters").parse("conv1", Kind.INTEGER, "8, 64").json())
                .isEqualTo(Map.of("int", List.of(8, 64)));
        assertThat(rules("Dense", "activation").parse("hidden1", Kind.CATEGORICAL, "relu, tanh").json())
                .isEqualTo(Map.of("choice", List.of("relu", "tanh")));
    }

    @Test
    void badRangesNameTheHyperparameterAndWhatIsWrong() {
        ParamRangeRules units = rules("Dense", "units");
        assertThatThrownBy(() -> units.parse("hidden1", Kind.CATEGORICAL, " "))
                .hasMessage("'hidden1.units': enter values");
        assertThatThrownBy(() -> units.parse("hidden1", Kind.CATEGORICAL, "0, 64"))
                .hasMessageStartingWith("'hidden1.units' value 0: must be an integer");
        assertThatThrownBy(() -> units.parse("hidden1", Kind.CATEGORICAL, "64, 12.5"))
                .hasMessageStartingWith("'hidden1.units' value 12.5: must be an integer");
        assertThatThrownBy(() -> units.parse("hidden1", Kind.UNIFORM, "16, 64"))
                .hasMessage("'hidden1.units': units takes categorical or integer ranges");
        assertThatThrownBy(() -> units.parse("hidden1", Kind.INTEGER, "16"))
                .hasMessageContaining("an integer range needs two numbers, low and high");
        assertThatThrownBy(() -> units.parse("hidden1", Kind.INTEGER, "64, 16"))
                .hasMessage("'hidden1.units': integer range needs low <= high, got [64, 16]");

        ParamRangeRules rate = rules("Dropout", "rate");
        assertThatThrownBy(() -> rate.parse("dropout", Kind.UNIFORM, "0.1, 1.0"))
                .hasMessageStartingWith("'dropout.rate' value 1.0: must be a number from 0 to below 1");
        assertThatThrownBy(() -> rate.parse("dropout", Kind.LOG_UNIFORM, "0, 0.5"))
                .hasMessage("'dropout.rate': real range needs low < high and low > 0, got [0.0, 0.5]");
        assertThatThrownBy(() -> rate.parse("dropout", Kind.UNIFORM, "0.1, lots"))
                .hasMessageContaining("a uniform range needs two numbers");

        assertThatThrownBy(() -> rules("Dense", "activation").parse("hidden1", Kind.CATEGORICAL, "relu, wobbly"))
                .hasMessageStartingWith("'hidden1.activation' value wobbly: must be one of");
    }
}
