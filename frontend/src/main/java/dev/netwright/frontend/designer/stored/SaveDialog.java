package dev.netwright.frontend.designer.stored;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;

/** Asks what changed, like a commit message; the message shows in the version history. */
public final class SaveDialog extends Dialog {
    public SaveDialog(int baseVersion, Consumer<String> save) {
        setHeaderTitle("Save version " + (baseVersion + 1));
        TextField message = new TextField("What changed?");
        message.setPlaceholder("e.g. wider hidden layer");
        message.setWidth("26rem");
        message.getElement().setAttribute("data-testid", "save-message");
        message.focus();
        Button ok = new Button("Save", e -> {
            close();
            save.accept(message.getValue());
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.addClickShortcut(Key.ENTER);
        ok.getElement().setAttribute("data-testid", "save-confirm");
        add(message);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }
}
