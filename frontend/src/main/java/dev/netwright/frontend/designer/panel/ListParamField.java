package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.designer.catalog.ParamType;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of integers (a shape) or a per-axis integer (kernel size): typed as {@code 1, 28, 28}; brackets are
 * optional. A per-axis parameter also takes a single number.
 */
final class ListParamField implements ParamField {
    private final TextField field = new TextField();
    private final boolean perAxis;

    private final TypedValue typed;

    ListParamField(ParamSpec spec, ParamField.Edits edits) {
        perAxis = spec.type() == ParamType.INT_PER_AXIS;
        field.setLabel(spec.name());
        field.setHelperText(spec.description() + (perAxis ? " (one number, or one per axis: 3, 3)"
                : " (numbers separated by commas, e.g. 1, 28, 28)"));
        field.setPlaceholder(ParamField.defaultText(spec));
        field.setWidthFull();
        field.getElement().setAttribute("data-param", spec.name());
        typed = new TypedValue(field, v -> v == null ? "" : format(v), t -> parse(t, perAxis), (text, over) -> {
            try {
                TypedValue.send(edits, over, parse(text, perAxis));
            } catch (IllegalArgumentException ex) {
                showProblem(ex.getMessage());
            }
        });
    }

    /** Parses the typed text: null for blank, an Integer for a single per-axis number, else a list. */
    static Object parse(String text, boolean perAxis) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            return null;
        }
        List<Integer> values = new ArrayList<>();
        for (String part : t.split("[,\\s]+")) {
            try {
                values.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a whole number; "
                        + "type whole numbers separated by commas, e.g. 1, 28, 28");
            }
        }
        return perAxis && values.size() == 1 && !text.strip().startsWith("[") ? values.get(0) : List.copyOf(values);
    }

    static String format(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    @Override
    public Component component() {
        return field;
    }

    @Override
    public void show(Object value) {
        typed.shown(value);
        field.setValue(value == null ? "" : format(value));
    }

    @Override
    public void showProblem(String message) {
        field.setInvalid(message != null);
        field.setErrorMessage(message);
    }
}
