package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.netwright.designer.catalog.ParamSpec;
import java.util.function.Consumer;

/** On/off parameter (useBias, bidirectional...). */
final class BoolParamField implements ParamField {
    private final Checkbox box = new Checkbox();
    private final Span error = new Span();
    private final Div wrapper = new Div();
    private final boolean defaultValue;

    BoolParamField(ParamSpec spec, Consumer<Object> onChange) {
        defaultValue = Boolean.TRUE.equals(spec.defaultValue());
        ParamField.describe(box, spec, onChange);
        error.addClassName("nw-field-error");
        error.setVisible(false);
        wrapper.add(box, error);
        wrapper.addClassName("nw-bool-field");
    }

    @Override
    public Component component() {
        return wrapper;
    }

    @Override
    public void show(Object value) {
        box.setValue(value instanceof Boolean b ? b : defaultValue);
    }

    @Override
    public void showProblem(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
    }
}
