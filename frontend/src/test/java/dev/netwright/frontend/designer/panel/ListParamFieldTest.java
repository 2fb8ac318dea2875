package dev.netwright.frontend.designer.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListParamFieldTest {

    @Test
    void parsesWhatUsersType() {
        assertThat(ListParamField.parse("1, 28, 28", false)).isEqualTo(List.of(1, 28, 28));
        assertThat(ListParamField.parse("[1,28,28]", false)).isEqualTo(List.of(1, 28, 28));
        assertThat(ListParamField.parse("784", false)).isEqualTo(List.of(784));
        assertThat(ListParamField.parse("3", true)).isEqualTo(3);
        assertThat(ListParamField.parse("3 5", true)).isEqualTo(List.of(3, 5));
        assertThat(ListParamField.parse("  ", false)).isNull();
    }

    @Test
    void saysWhatIsWrongWithBadInput() {
        assertThatThrownBy(() -> ListParamField.parse("1, x", false)).hasMessageContaining("'x' is not a whole number");
    }
}
