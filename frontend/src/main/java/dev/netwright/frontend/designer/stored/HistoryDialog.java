package dev.netwright.frontend.designer.stored;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.netwright.backend.design.DesignViews;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.IntConsumer;

/** The design's versions, newest first, each with "show changes" (diff with the one before) and "restore". */
public final class HistoryDialog extends Dialog {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** What the rows' buttons do. */
    public interface Actions {
        void showChanges(int version);

        void restore(int version);
    }

    public HistoryDialog(List<DesignViews.Version> versions, boolean canEdit, Actions actions) {
        setHeaderTitle("Version history");
        getElement().setAttribute("data-testid", "history");
        Grid<DesignViews.Version> grid = new Grid<>();
        grid.addColumn(v -> "v" + v.number()).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.message().isBlank() ? "(no message)" : v.message()).setHeader("Message")
                .setFlexGrow(3).setTooltipGenerator(DesignViews.Version::message);
        // long messages wrap onto more lines instead of ending in "..."
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(DesignViews.Version::author).setHeader("By").setAutoWidth(true);
        grid.addColumn(v -> v.createdAt().format(WHEN)).setHeader("When").setAutoWidth(true);
        grid.addColumn(v -> v.valid() ? "valid" : v.errorCount() + (v.errorCount() == 1 ? " error" : " errors")).setHeader("Check").setAutoWidth(true);
        grid.addComponentColumn(v -> row(v, canEdit, actions)).setAutoWidth(true);
        grid.setItems(versions);
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "versions");
        add(grid);
        getFooter().add(new Button("Close", e -> close()));
        setWidth("min(900px, 95vw)");
    }

    private HorizontalLayout row(DesignViews.Version v, boolean canEdit, Actions actions) {
        Button changes = new Button("Show changes", e -> {
            close();
            actions.showChanges(v.number());
        });
        changes.addThemeVariants(ButtonVariant.LUMO_SMALL);
        changes.setEnabled(v.number() > 1);
        changes.getElement().setAttribute("data-testid", "show-changes-" + v.number());
        Button restore = new Button("Restore", e -> {
            close();
            actions.restore(v.number());
        });
        restore.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        restore.setEnabled(canEdit);
        restore.getElement().setAttribute("data-testid", "restore-" + v.number());
        return new HorizontalLayout(changes, restore);
    }
}
