package dev.netwright.frontend.designer.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.frontend.designer.session.EdgeRef;
import dev.netwright.frontend.designer.session.Move;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanvasCommandTest {

    @Test
    void parsesEveryGesture() {
        assertThat(CanvasCommand.parse("{\"kind\":\"add\",\"type\":\"Dense\",\"x\":10,\"y\":20.5}"))
                .isEqualTo(new CanvasCommand.Add("Dense", 10, 20.5));
        assertThat(CanvasCommand.parse("{\"kind\":\"connect\",\"source\":\"a\",\"target\":\"b\",\"port\":2}"))
                .isEqualTo(new CanvasCommand.Connect("a", "b", 2));
        assertThat(CanvasCommand.parse("{\"kind\":\"move\",\"moves\":[{\"id\":\"a\",\"x\":1,\"y\":2}]}"))
                .isEqualTo(new CanvasCommand.MoveNodes(List.of(new Move("a", 1, 2))));
        assertThat(CanvasCommand.parse("{\"kind\":\"delete\",\"ids\":[\"a\"],"
                + "\"edges\":[{\"source\":\"b\",\"target\":\"c\",\"port\":1}]}"))
                .isEqualTo(new CanvasCommand.Delete(List.of("a"), List.of(new EdgeRef("b", "c", 1))));
        assertThat(CanvasCommand.parse("{\"kind\":\"select\",\"ids\":[\"a\",\"b\"]}"))
                .isEqualTo(new CanvasCommand.Select(List.of("a", "b")));
        assertThat(CanvasCommand.parse("{\"kind\":\"undo\"}")).isEqualTo(new CanvasCommand.Simple("undo"));
        assertThat(CanvasCommand.parse("{\"kind\":\"freeze\",\"id\":\"conv2\"}"))
                .isEqualTo(new CanvasCommand.Freeze("conv2"));
        assertThat(CanvasCommand.parse("{\"kind\":\"unfreeze\"}")).isEqualTo(new CanvasCommand.Simple("unfreeze"));
        assertThat(CanvasCommand.parse("{\"kind\":\"expand\",\"id\":\"s1/b0\"}"))
                .isEqualTo(new CanvasCommand.Expand("s1/b0", true));
        assertThat(CanvasCommand.parse("{\"kind\":\"collapse\",\"id\":\"s1\"}"))
                .isEqualTo(new CanvasCommand.Expand("s1", false));
        assertThat(CanvasCommand.parse("{\"kind\":\"ungroup\",\"id\":\"s1\"}"))
                .isEqualTo(new CanvasCommand.Ungroup("s1"));
        assertThat(CanvasCommand.parse("{\"kind\":\"editBlock\",\"id\":\"s1\"}"))
                .isEqualTo(new CanvasCommand.EditBlock("s1"));
    }

    @Test
    void refusesWhatTheCanvasNeverSends() {
        assertThatThrownBy(() -> CanvasCommand.parse("{\"kind\":\"format-disk\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanvasCommand.parse("{\"kind\":\"add\"}")).hasMessageContaining("type");
        assertThatThrownBy(() -> CanvasCommand.parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
