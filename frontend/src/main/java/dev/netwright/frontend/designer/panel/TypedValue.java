package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.dom.Element;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A text field's committed edits with the value the browser showed when the user typed them. The server's copy of
 * the field follows a co-editor's change at once, the browser a round trip later: a value typed there may replace one
 * the user never saw. The field carries the text it was last told to show as an attribute, the browser sends it back
 * with each change, and an edit typed over an older text says so ({@link Over}); live, it then loses to the newer
 * value and its author is told which value won, instead of overwriting it unseen.
 */
final class TypedValue {
    private static final String VALUE = "element.value";
    private static final String SHOWN = "element.dataset.shown";

    /** The value the user typed over, when it was older than the layer's current one. */
    record Over(Object seen) {
    }

    /** What the user typed; {@code over} is null when they typed over the layer's current value. */
    interface Typed {
        void typed(String text, Over over);
    }

    private final Element element;
    private final Function<Object, String> format;
    private String shownText = "";

    /**
     * @param format   the text a value is shown as (what the attribute carries)
     * @param readSeen reads such a text back into a value (for an edit typed over an older one)
     */
    TypedValue(Component field, Function<Object, String> format, Function<String, Object> readSeen, Typed typed) {
        this.element = field.getElement();
        this.format = format;
        element.addEventListener("change", e -> {
            JsonNode data = e.getEventData();
            String text = data.path(VALUE).isString() ? data.path(VALUE).stringValue() : "";
            JsonNode seen = data.path(SHOWN);
            Over over = null;
            if (seen.isString() && !seen.stringValue().equals(shownText)) {
                try {
                    over = new Over(readSeen.apply(seen.stringValue()));
                } catch (RuntimeException unreadable) {
                    over = null; // not a text this field wrote: judge the edit against the current value
                }
            }
            typed.typed(text, over);
        }).addEventData(VALUE).addEventData(SHOWN);
    }

    /** The layer's current value, as the field is about to show it. */
    void shown(Object value) {
        shownText = format.apply(value);
        element.setAttribute("data-shown", shownText);
    }

    /** Hands a parsed edit to the panel: over the current value, or over an older one the user saw. */
    static void send(ParamField.Edits edits, Over over, Object value) {
        if (over == null) {
            edits.set(value);
        } else {
            edits.setOver(over.seen(), value);
        }
    }
}
