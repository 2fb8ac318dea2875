package dev.netwright.frontend.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TypedNumbersTest {

    @Test
    void separatorsAndMinusSignsAsPeopleTypeThem() {
        assertThat(TypedNumbers.parse("x", "8, 5 22;-5  2,\u22123")).containsExactly(8, 5, 22, -5, 2, -3);
        assertThat(TypedNumbers.parse("x", "  ")).isEmpty();
        assertThat(TypedNumbers.format(new double[] {10, -0.1, 5.4})).isEqualTo("10, -0.1, 5.4");
    }

    @Test
    void errorsNameTheFieldThePositionAndTheText() {
        assertThatThrownBy(() -> TypedNumbers.parse("biases of 'h'", "1, 2, two"))
                .hasMessage("biases of 'h': value 3 'two' is not a number");
        assertThatThrownBy(() -> TypedNumbers.parse("input x", "1, 2", 3))
                .hasMessage("input x: needs 3 numbers, got 2");
        assertThatThrownBy(() -> TypedNumbers.parse("x", "NaN")).hasMessageContaining("'NaN' is not a number");
    }
}
