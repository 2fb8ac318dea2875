package dev.netwright.frontend.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import dev.netwright.frontend.run.DesignEdits;
import dev.netwright.frontend.run.RunLauncher;
import dev.netwright.frontend.sweep.SweepLauncher;
import java.util.function.Supplier;

/**
 * Train and Sweep… in the toolbar: a stored design's open the launch dialogs (editors only; the services check),
 * the scratch designer's Train explains that a design must be saved in a project first.
 */
final class RunButtons {
    private final RunLauncher launcher;
    private final SweepLauncher sweeps;
    private final LayerCatalog catalog;
    private final Supplier<DesignSession> session;
    private Button scratchTrain;

    RunButtons(RunLauncher launcher, SweepLauncher sweeps, LayerCatalog catalog, Supplier<DesignSession> session) {
        this.launcher = launcher;
        this.sweeps = sweeps;
        this.catalog = catalog;
        this.session = session;
    }

    /** The scratch designer's Train explains that a design must be saved (in a project) before it can train. */
    void addScratch(DesignerToolbar toolbar) {
        if (scratchTrain != null) {
            return;
        }
        scratchTrain = new Button("Train", VaadinIcon.PLAY.create(), e -> launcher.explainNeverSaved());
        scratchTrain.getElement().setAttribute("data-testid", "train");
        scratchTrain.setTooltipText("A design trains once it is saved in a project");
        toolbar.add(scratchTrain);
    }

    /** Train and Sweep… of a stored design, in its controls (once each). */
    void addStored(StoredDesignEditor stored) {
        if (scratchTrain != null) { // the same view, navigated from the scratch canvas to a stored design
            scratchTrain.removeFromParent();
            scratchTrain = null;
        }
        addTrain(stored);
        addSweep(stored);
    }

    /** Train opens the launch dialog for this design's latest saved version (editors only; the service checks). */
    private void addTrain(StoredDesignEditor stored) {
        if (stored.controls().getChildren().anyMatch(c -> "train".equals(c.getElement().getAttribute("data-testid")))) {
            return;
        }
        var design = stored.stored();
        Button train = new Button("Train", VaadinIcon.PLAY.create(),
                e -> launcher.open(design.projectId(), design.id(), stored.stored().canEdit(),
                        new DesignEdits(stored.unsaved(), stored::save)));
        train.getElement().setAttribute("data-testid", "train");
        train.setEnabled(design.canEdit());
        train.setTooltipText(design.canEdit() ? "Train the latest saved version on a dataset"
                : "Viewers cannot start runs: ask an owner for the editor role");
        stored.controls().add(train);
    }

    /**
     * Sweep… opens the sweep launch dialog on this design, its search space pre-filled with the ranges set in the
     * property panel (editors only; the service checks).
     */
    private void addSweep(StoredDesignEditor stored) {
        if (stored.controls().getChildren().anyMatch(c -> "sweep".equals(c.getElement().getAttribute("data-testid")))) {
            return;
        }
        Button sweep = new Button("Sweep…", VaadinIcon.FLASK.create(), e -> sweeps.open(stored.stored().projectId(),
                stored.stored().id(), stored.ranges().space(session.get().design(), catalog)));
        sweep.getElement().setAttribute("data-testid", "sweep");
        sweep.setEnabled(stored.stored().canEdit());
        sweep.setTooltipText(stored.stored().canEdit() ? "Search hyperparameters of the latest saved version, "
                + "starting from the sweep ranges set on its layers" : "Viewers cannot start sweeps");
        stored.controls().add(sweep);
    }
}
