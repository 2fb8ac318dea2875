package dev.netwright.frontend.designer.stored;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import dev.netwright.backend.design.DesignViews;
import java.time.format.DateTimeFormatter;

/**
 * Someone else saved first. The user chooses: take their version (dropping these edits) or keep these edits as a
 * separate new design. There is deliberately no "overwrite".
 */
public final class ConflictDialog extends Dialog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public ConflictDialog(int baseVersion, DesignViews.Version current, Runnable reloadTheirs, Runnable saveAsNew) {
        setHeaderTitle("Someone saved first");
        getElement().setAttribute("data-testid", "conflict-dialog");
        add(new Paragraph(current.author() + " saved version " + current.number() + " at "
                + current.createdAt().format(TIME) + (current.message().isBlank() ? "" : " (\"" + current.message()
                + "\")") + " while you were editing version " + baseVersion + "."),
                new Paragraph("Your changes were not saved. Nothing has been overwritten."));
        setCloseOnOutsideClick(false);
        Button reload = new Button("Reload theirs", e -> {
            close();
            reloadTheirs.run();
        });
        reload.getElement().setAttribute("data-testid", "reload-theirs");
        Button copy = new Button("Save mine as a new design", e -> {
            close();
            saveAsNew.run();
        });
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        copy.getElement().setAttribute("data-testid", "save-as-new");
        getFooter().add(new Button("Cancel", e -> close()), reload, copy);
        setWidth("34rem");
    }
}
