package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.frontend.sweep.SweepRange;
import java.util.function.Consumer;

/**
 * Edits the sweep range of one layer parameter: the kind of range that fits the parameter and its values. Nothing
 * is kept until the range reads and every known value suits the parameter; the message says what is wrong.
 */
final class SweepRangeDialog extends Dialog {
    private final Select<SweepRange.Kind> kind = new Select<>();
    private final TextField values = new TextField("Values");

    /**
     * @param existing the parameter's range so far, or null
     * @param save     receives the checked range
     * @param remove   drops the parameter's range
     */
    SweepRangeDialog(String nodeId, ParamRangeRules rules, SweepRange existing, Consumer<SweepRange> save,
                     Runnable remove) {
        String name = nodeId + "." + rules.spec().name();
        setHeaderTitle("Sweep range of " + name);
        getElement().setAttribute("data-testid", "sweep-range-dialog");
        kind.setLabel("Range");
        kind.setItems(rules.kinds());
        kind.setItemLabelGenerator(SweepRange.Kind::label);
        kind.setValue(existing == null ? rules.kinds().get(0) : existing.kind());
        kind.getElement().setAttribute("data-testid", "sweep-range-kind");
        values.setPlaceholder("low, high  or  a, b, c");
        values.setHelperText("categorical: every value (e.g. 64, 128, 256); a range: low, high. "
                + rules.spec().name() + " is " + rules.spec().expectation() + ".");
        values.setWidthFull();
        values.setValue(existing == null ? "" : existing.text());
        values.getElement().setAttribute("data-testid", "sweep-range-values");
        add(new Paragraph("Each trial of a sweep launched from this design tries a value from this range. The range "
                + "is kept while you edit this design; it is not saved with it."), kind, values);
        setWidth("min(520px, 96vw)");

        Button ok = new Button("Set range", e -> {
            try {
                save.accept(rules.parse(nodeId, kind.getValue(), values.getValue()));
                close();
            } catch (IllegalArgumentException ex) {
                values.setInvalid(true);
                values.setErrorMessage(ex.getMessage());
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.getElement().setAttribute("data-testid", "sweep-range-save");
        Button drop = new Button("Remove range", e -> {
            remove.run();
            close();
        });
        drop.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        drop.getElement().setAttribute("data-testid", "sweep-range-remove");
        drop.setVisible(existing != null);
        getFooter().add(drop, new Button("Cancel", e -> close()), ok);
    }
}
