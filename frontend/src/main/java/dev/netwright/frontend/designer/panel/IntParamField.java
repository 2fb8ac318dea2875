package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import dev.netwright.designer.catalog.ParamSpec;

/**
 * Whole-number parameter (units, filters, heads...). A text field read here rather than Vaadin's integer field:
 * that one drops the "." of "12.7" as it is typed (giving 127) and turns an emptied field into "no value", which
 * silently meant the default. Here what is not a whole number, and an emptied required field, is refused with a
 * message and the design keeps its value.
 */
final class IntParamField implements ParamField {
    private final TextField field = new TextField();

    /** What the typed text means for the parameter: a value to set, or a message saying why it is refused. */
    sealed interface Reading permits Reading.Value, Reading.Refused {
        /** {@code value} null: the parameter goes back to being derived. */
        record Value(Integer value) implements Reading {
        }

        record Refused(String message) implements Reading {
        }
    }

    private final TypedValue typed;

    IntParamField(ParamSpec spec, ParamField.Edits edits) {
        ParamField.label(field, spec);
        typed = new TypedValue(field, IntParamField::text, t -> t.isBlank() ? null : Integer.valueOf(t.strip()),
                (text, over) -> {
                    switch (read(spec, text)) {
                        case Reading.Value v -> {
                            field.setInvalid(false);
                            TypedValue.send(edits, over, v.value());
                        }
                        case Reading.Refused r -> showProblem(r.message());
                    }
                });
        field.setPlaceholder(ParamField.defaultText(spec));
        field.getElement().setAttribute("inputmode", "numeric");
        field.addThemeVariants(TextFieldVariant.LUMO_ALIGN_RIGHT);
        field.setWidthFull();
    }

    static Reading read(ParamSpec spec, String text) {
        String t = text == null ? "" : text.strip().replace("_", "").replace(",", "");
        if (t.isEmpty()) {
            if (spec.defaultValue() == null && spec.optional()) {
                return new Reading.Value(null);
            }
            return new Reading.Refused(spec.name() + " needs a value: type a whole number"
                    + (spec.defaultValue() != null ? " (the default is " + ListParamField.format(spec.defaultValue())
                    + ")" : "") + ". The layer keeps its current value until then.");
        }
        try {
            return new Reading.Value(Integer.parseInt(t.startsWith("+") ? t.substring(1) : t));
        } catch (NumberFormatException e) {
            return new Reading.Refused(spec.name() + " must be a whole number" + (t.matches("[-+]?\\d+")
                    ? " between -2,147,483,648 and 2,147,483,647" : ", not " + text.strip())
                    + ". The layer keeps its current value.");
        }
    }

    @Override
    public Component component() {
        return field;
    }

    @Override
    public void show(Object value) {
        typed.shown(value);
        field.setValue(text(value));
    }

    private static String text(Object value) {
        return value instanceof Number n ? String.valueOf(n.longValue()) : "";
    }

    @Override
    public void showProblem(String message) {
        field.setInvalid(message != null);
        field.setErrorMessage(message);
    }
}
