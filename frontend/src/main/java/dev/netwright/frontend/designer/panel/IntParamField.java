package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.netwright.designer.catalog.ParamSpec;
import java.util.function.Consumer;

/** Whole-number parameter (units, filters, heads...). */
final class IntParamField implements ParamField {
    private final IntegerField field = new IntegerField();

    IntParamField(ParamSpec spec, Consumer<Object> onChange) {
        ParamField.describe(field, spec, onChange);
        field.setPlaceholder(ParamField.defaultText(spec));
        field.setStepButtonsVisible(true);
        field.setWidthFull();
    }

    @Override
    public Component component() {
        return field;
    }

    @Override
    public void show(Object value) {
        field.setValue(value instanceof Number n ? n.intValue() : null);
    }

    @Override
    public void showProblem(String message) {
        field.setInvalid(message != null);
        field.setErrorMessage(message);
    }
}
