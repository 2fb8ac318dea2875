package dev.netwright.frontend.designer.stored;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** Toolbar part for a stored design: the version the edits are based on, Save and History. */
public final class StoredControls extends HorizontalLayout {
    private final Span version = new Span();
    private final Button save;
    private com.vaadin.flow.router.RouterLink back;

    public StoredControls(Runnable onSave, Runnable onHistory) {
        version.getElement().setAttribute("data-testid", "version-label");
        version.addClassName("nw-version");
        save = new Button("Save", VaadinIcon.CHECK.create(), e -> onSave.run());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.getElement().setAttribute("data-testid", "save");
        Button history = new Button("History", VaadinIcon.CLOCK.create(), e -> onHistory.run());
        history.getElement().setAttribute("data-testid", "open-history");
        add(version, save, history);
        setSpacing(true);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    }

    public void show(StoredDesign design, boolean unsaved, boolean previewing) {
        if (back == null) {
            back = new com.vaadin.flow.router.RouterLink("← Designs", dev.netwright.frontend.project.DesignsView.class,
                    dev.netwright.frontend.project.DesignsView.params(design.projectId()));
            back.getElement().setAttribute("data-testid", "back-to-designs");
            addComponentAsFirst(back);
        }
        version.setText("v" + design.version() + (unsaved ? " · unsaved changes" : "")
                + (design.canEdit() ? "" : " · read only"));
        save.setEnabled(design.canEdit() && !previewing);
        save.setTooltipText(design.canEdit() ? "Save a new version (with a message)"
                : "Viewers cannot save: ask an owner for the editor role");
    }
}
