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
        select.setLabel(spec.name());
        select.setHelperText(spec.description());
        select.setItems(spec.choices());
        select.setWidthFull();
        select.getElement().setAttribute("data-param", spec.name());
        select.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                onChange.accept(e.getValue());
            }
        });
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
