package dev.netwright.frontend.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;

/** What a list shows while it is empty: what the thing is for and the one step that fills it. */
public final class EmptyState extends Div {
    public EmptyState(String title, String explanation, Component... actions) {
        addClassName("nw-empty-state");
        getElement().setAttribute("data-testid", "empty-state");
        add(new H3(title), new Paragraph(explanation));
        Div row = new Div(actions);
        row.addClassName("nw-empty-actions");
        add(row);
    }
}
