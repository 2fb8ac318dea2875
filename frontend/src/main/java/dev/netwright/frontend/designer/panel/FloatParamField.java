package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.NumberField;
import dev.netwright.designer.catalog.ParamSpec;

/** Real-number parameter (dropout rate, epsilon, alpha...). */
final class FloatParamField implements ParamField {
    private final NumberField field = new NumberField();

    private final TypedValue typed;

    FloatParamField(ParamSpec spec, ParamField.Edits edits) {
        ParamField.label(field, spec);
        typed = new TypedValue(field, FloatParamField::text, FloatParamField::number,
                (text, over) -> TypedValue.send(edits, over, number(text)));
        field.setPlaceholder(ParamField.defaultText(spec));
        field.setWidthFull();
    }

    @Override
    public Component component() {
        return field;
    }

    @Override
    public void show(Object value) {
        typed.shown(value);
        field.setValue(value instanceof Number n ? n.doubleValue() : null);
    }

    private static String text(Object value) {
        return value instanceof Number n ? String.valueOf(n.doubleValue()) : "";
    }

    /** The number typed; blank (or what the browser's number input could not read) is "not set", as before. */
    private static Double number(String text) {
        try {
            return text == null || text.isBlank() ? null : Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void showProblem(String message) {
        field.setInvalid(message != null);
        field.setErrorMessage(message);
    }
}
