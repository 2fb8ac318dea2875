package dev.netwright.frontend.designer.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.frontend.designer.panel.IntParamField.Reading;
import org.junit.jupiter.api.Test;

/** What typed text means for a whole-number parameter: a value, or a refusal that says why. */
class IntParamFieldTest {
    private static final ParamSpec UNITS = ParamSpec.integer("units", 64, 1, 1 << 20, "number of outputs");
    private static final ParamSpec DERIVED = new ParamSpec("dim", dev.netwright.designer.catalog.ParamType.INT, null,
            true, 1.0, null, false, null, "derived when empty");

    @Test
    void wholeNumbersAreValuesWithSignsGroupingAndSpaces() {
        assertThat(IntParamField.read(UNITS, " 128 ")).isEqualTo(new Reading.Value(128));
        assertThat(IntParamField.read(UNITS, "1,024")).isEqualTo(new Reading.Value(1024));
        assertThat(IntParamField.read(UNITS, "+3")).isEqualTo(new Reading.Value(3));
        assertThat(IntParamField.read(UNITS, "-3")).isEqualTo(new Reading.Value(-3)); // the analysis says "at least 1"
    }

    @Test
    void fractionsTextAndHugeNumbersAreRefusedNotCoerced() {
        assertThat(IntParamField.read(UNITS, "12.7")).isEqualTo(new Reading.Refused(
                "units must be a whole number, not 12.7. The layer keeps its current value."));
        assertThat(((Reading.Refused) IntParamField.read(UNITS, "ten")).message()).contains("not ten");
        assertThat(((Reading.Refused) IntParamField.read(UNITS, "1e3")).message()).contains("not 1e3");
        assertThat(((Reading.Refused) IntParamField.read(UNITS, "99999999999")).message()).contains("2,147,483,647");
    }

    @Test
    void emptyIsRefusedWhereThereIsADefaultAndMeansDerivedWhereThereIsNone() {
        assertThat(((Reading.Refused) IntParamField.read(UNITS, "  ")).message())
                .isEqualTo("units needs a value: type a whole number (the default is 64). "
                        + "The layer keeps its current value until then.");
        assertThat(IntParamField.read(DERIVED, "")).isEqualTo(new Reading.Value(null));
    }
}
