package dev.netwright.frontend.run;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The launch dialog's warning that the canvas has unsaved edits: a run trains the last saved version, so the user
 * either trains that one or saves (with a message) and trains the new version.
 */
final class UnsavedNotice extends Div {
    private final TextField message = new TextField("What changed?");
    private final Paragraph text = new Paragraph();

    UnsavedNotice(Runnable saveAndTrain) {
        addClassName("nw-banner");
        getElement().setAttribute("data-testid", "launch-unsaved");
        text.getElement().setAttribute("data-testid", "launch-unsaved-text");
        message.setPlaceholder("e.g. wider hidden layer");
        message.setWidth("22rem");
        message.getElement().setAttribute("data-testid", "launch-save-message");
        Button save = new Button("Save and train", VaadinIcon.CHECK.create(), e -> saveAndTrain.run());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        save.getElement().setAttribute("data-testid", "launch-save-and-train");
        Div row = new Div(message, save);
        row.addClassName("nw-wrap");
        add(text, row);
    }

    /** Names the version a plain launch would train. */
    void savedVersion(int version) {
        text.setText("This design has unsaved edits on the canvas. A run trains a saved version: \"Train saved v"
                + version + "\" trains version " + version + ", not what you see on the canvas. \"Save and train\" "
                + "saves the canvas as a new version first and trains that.");
    }

    String message() {
        return message.getValue();
    }
}
