package dev.netwright.frontend.run;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.run.RunLabels;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.run.RunUpdate;
import dev.netwright.backend.run.RunView;
import dev.netwright.backend.security.AppUser;
import dev.netwright.frontend.ui.UiErrors;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Renames and re-tags a run. The server's refusal (too long, a tag with a space, too many tags) is shown on the field
 * it concerns and nothing is stored.
 */
public final class RunLabelsDialog extends Dialog {
    private final TextField name = new TextField("Name");
    private final TextField tags = new TextField("Tags");

    public RunLabelsDialog(RunService runs, AppUser user, RunView run, Consumer<RunView> saved) {
        setHeaderTitle("Name and tags of the run");
        getElement().setAttribute("data-testid", "run-labels-dialog");
        name.setValue(run.name());
        name.setMaxLength(RunLabels.MAX_NAME);
        name.setWidthFull();
        name.getElement().setAttribute("data-testid", "run-name-field");
        tags.setValue(String.join(", ", run.tags()));
        tags.setHelperText("Separated by commas, at most " + RunLabels.MAX_TAGS + "; letters, digits and . _ -");
        tags.setWidthFull();
        tags.getElement().setAttribute("data-testid", "run-tags-field");
        Button save = new Button("Save", e -> save(runs, user, run, saved));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.getElement().setAttribute("data-testid", "run-labels-save");
        getFooter().add(new Button("Cancel", e -> close()), save);
        VerticalLayout body = new VerticalLayout(name, tags);
        body.setPadding(false);
        body.setWidth("28rem");
        add(body);
    }

    private void save(RunService runs, AppUser user, RunView run, Consumer<RunView> saved) {
        name.setInvalid(false);
        tags.setInvalid(false);
        List<String> list = Arrays.stream(tags.getValue().split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .toList();
        try {
            RunView updated = runs.update(user, run.id(), new RunUpdate(name.getValue(), list));
            close();
            saved.accept(updated);
        } catch (ApiException e) {
            String message = UiErrors.sentence(e);
            TextField field = e.getMessage() != null && e.getMessage().startsWith("'name'") ? name : tags;
            if (e.status().value() == 400) {
                field.setErrorMessage(message);
                field.setInvalid(true);
            } else {
                UiErrors.show(e);
            }
        }
    }
}
