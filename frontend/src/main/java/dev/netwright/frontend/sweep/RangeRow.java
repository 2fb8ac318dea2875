package dev.netwright.frontend.sweep;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One hyperparameter of the launch dialog: its name (a training option or a layer parameter of the design), the
 * kind of range and the values, typed as text ({@code 16, 32, 64} for a categorical, {@code 0.0001, 0.1} for a
 * range). Turns into the engine's range JSON through {@link SweepRange}, or says what is wrong with it.
 */
final class RangeRow extends HorizontalLayout {
    final Select<String> name = new Select<>();
    final Select<String> kind = new Select<>();
    final TextField values = new TextField();

    RangeRow(List<String> names, Runnable remove) {
        name.setLabel("Hyperparameter");
        name.setItems(names);
        name.getElement().setAttribute("data-testid", "range-name");
        kind.setLabel("Range");
        kind.setItems(Arrays.stream(SweepRange.Kind.values()).map(SweepRange.Kind::label).toList());
        kind.setValue(SweepRange.Kind.LOG_UNIFORM.label());
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

    /** Fills the row with a range chosen elsewhere (the designer's property panel); the name must be offered. */
    void show(String hyperparameter, SweepRange range) {
        name.setValue(hyperparameter);
        kind.setValue(range.kind().label());
        values.setValue(range.text());
    }

    /** The range in sweep JSON form; throws IllegalArgumentException naming the row and what is wrong. */
    Map<String, Object> range() {
        if (name.getValue() == null) {
            throw new IllegalArgumentException("pick a hyperparameter for every row");
        }
        return SweepRange.parse(name.getValue(), SweepRange.Kind.ofLabel(kind.getValue()), values.getValue()).json();
    }
}
