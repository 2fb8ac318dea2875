package dev.netwright.frontend.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.backend.api.ApiException;
import java.util.function.Consumer;

/** Asks for one name and runs an action with it; a refusal stays in the dialog as the field's error. */
public class NameDialog extends Dialog {
    public NameDialog(String title, String label, String confirm, Consumer<String> action) {
        setHeaderTitle(title);
        TextField name = new TextField(label);
        name.setWidth("22rem");
        name.getElement().setAttribute("data-testid", "name-field");
        name.focus();
        Button ok = new Button(confirm, e -> {
            try {
                action.accept(name.getValue());
                close();
            } catch (ApiException ex) {
                name.setInvalid(true);
                name.setErrorMessage(UiErrors.sentence(ex));
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.addClickShortcut(Key.ENTER);
        ok.getElement().setAttribute("data-testid", "confirm");
        add(name);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }
}
