package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.select.Select;
import dev.netwright.designer.catalog.ParamSpec;
import java.util.function.Consumer;

/** One-of-a-list parameter (activation, padding...). */
final class ChoiceParamField implements ParamField {
    private final Select<String> select = new Select<>();
    private final String defaultValue;

    ChoiceParamField(ParamSpec spec, Consumer<Object> onChange) {
        defaultValue = (String) spec.defaultValue();
        ParamField.describe(select, spec, onChange);
        select.setItems(spec.choices());
        select.setWidthFull();
    }

    @Override
    public Component component() {
        return select;
    }

    @Override
    public void show(Object value) {
        select.setValue(value instanceof String s ? s : defaultValue);
    }

    @Override
    public void showProblem(String message) {
        select.setInvalid(message != null);
        select.setErrorMessage(message);
    }
}
