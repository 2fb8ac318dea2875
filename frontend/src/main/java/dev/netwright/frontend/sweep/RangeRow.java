package dev.netwright.frontend.sweep;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One hyperparameter of the launch dialog: its name (a training option or a layer parameter of the design), the
 * kind of range and the values, typed as text ({@code 16, 32, 64} for a categorical, {@code 0.0001, 0.1} for a
 * range). Turns into the engine's range JSON, or says what is wrong with it.
 */
final class RangeRow extends HorizontalLayout {
    /** Range kinds as the user reads them, and their names in the sweep format. */
    static final Map<String, String> KINDS = new java.util.LinkedHashMap<>(Map.of());

    static {
        KINDS.put("categorical", "choice");
        KINDS.put("integer", "int");
        KINDS.put("uniform", "uniform");
        KINDS.put("log-uniform", "logUniform");
    }

    final Select<String> name = new Select<>();
    final Select<String> kind = new Select<>();
    final TextField values = new TextField();

    RangeRow(List<String> names, Runnable remove) {
        name.setLabel("Hyperparameter");
        name.setItems(names);
        name.getElement().setAttribute("data-testid", "range-name");
        kind.setLabel("Range");
        kind.setItems(KINDS.keySet());
        kind.setValue("log-uniform");
        kind.getElement().setAttribute("data-testid", "range-kind");
        values.setLabel("Values");
        values.setPlaceholder("low, high  or  a, b, c");
        values.setHelperText("ranges: low, high; categorical: every value");
        values.getElement().setAttribute("data-testid", "range-values");
        Button delete = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> remove.run());
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        delete.setAriaLabel("Remove this hyperparameter");
        add(name, kind, values, delete);
        setAlignItems(Alignment.BASELINE);
    }

    /** The range in sweep JSON form; throws IllegalArgumentException naming the row and what is wrong. */
    Map<String, Object> range() {
        if (name.getValue() == null) {
            throw new IllegalArgumentException("pick a hyperparameter for every row");
        }
        String what = "'" + name.getValue() + "'";
        String text = values.getValue() == null ? "" : values.getValue().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + ": enter values");
        }
        List<Object> parsed = new ArrayList<>();
        for (String part : text.split("\\s*,\\s*")) {
            parsed.add(value(part));
        }
        String k = KINDS.get(kind.getValue());
        if (!k.equals("choice")) {
            if (parsed.size() != 2 || !(parsed.get(0) instanceof Number) || !(parsed.get(1) instanceof Number)) {
                throw new IllegalArgumentException(what + ": a " + kind.getValue() + " range needs two numbers, "
                        + "low and high (e.g. 0.0001, 0.1)");
            }
            if (k.equals("int") && parsed.stream().anyMatch(v -> !(v instanceof Integer))) {
                throw new IllegalArgumentException(what + ": an integer range needs whole numbers");
            }
        }
        return Map.of(k, parsed);
    }

    /** Numbers stay numbers (whole ones integers), anything else is a string (e.g. an optimizer name). */
    private static Object value(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e2) {
                return text;
            }
        }
    }
}
