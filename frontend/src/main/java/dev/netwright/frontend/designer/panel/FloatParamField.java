package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.NumberField;
import dev.netwright.designer.catalog.ParamSpec;
import java.util.function.Consumer;

/** Real-number parameter (dropout rate, epsilon, alpha...). */
final class FloatParamField implements ParamField {
    private final NumberField field = new NumberField();

    FloatParamField(ParamSpec spec, Consumer<Object> onChange) {
        ParamField.describe(field, spec, onChange);
        field.setPlaceholder(ParamField.defaultText(spec));
        field.setWidthFull();
    }

    @Override
    public Component component() {
        return field;
    }

    @Override
    public void show(Object value) {
        field.setValue(value instanceof Number n ? n.doubleValue() : null);
    }

    @Override
    public void showProblem(String message) {
        field.setInvalid(message != null);
        field.setErrorMessage(message);
    }
}
