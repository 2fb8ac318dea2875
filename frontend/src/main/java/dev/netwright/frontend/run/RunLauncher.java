package dev.netwright.frontend.run;

import com.vaadin.flow.component.UI;
import dev.netwright.backend.dataset.DatasetService;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.frontend.auth.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Opens the launch dialog from any page (designer, runs list) and goes to the run page once a run is queued. */
@Component
public class RunLauncher {
    /** What the dialog calls, for the signed-in user. */
    record Services(RunService runs, DesignService designs, DatasetService datasets, AppUser user) {
    }

    private final RunService runs;
    private final DesignService designs;
    private final DatasetService datasets;
    private final CurrentUser user;

    RunLauncher(RunService runs, DesignService designs, DatasetService datasets, CurrentUser user) {
        this.runs = runs;
        this.designs = designs;
        this.datasets = datasets;
        this.user = user;
    }

    /**
     * @param designId the design to preselect, or null for the project's most recently changed one
     * @param canEdit  whether the user may queue (the service checks again)
     */
    public void open(UUID projectId, UUID designId, boolean canEdit) {
        open(projectId, designId, canEdit, null);
    }

    /**
     * From the designer: {@code edits} tells the dialog whether the canvas has unsaved edits and how to save them,
     * so that it can say which version a run trains and offer "Save and train".
     */
    public void open(UUID projectId, UUID designId, boolean canEdit, DesignEdits edits) {
        new LaunchDialog(new Services(runs, designs, datasets, user.get()), projectId, designId, canEdit, edits,
                run -> UI.getCurrent().navigate(RunPage.class, RunPage.params(run.id()))).open();
    }

    /** The scratch designer's Train: a design never saved has no version to train, so it must be saved first. */
    public void explainNeverSaved() {
        com.vaadin.flow.component.dialog.Dialog d = new com.vaadin.flow.component.dialog.Dialog();
        d.setHeaderTitle("Save the design first");
        d.getElement().setAttribute("data-testid", "train-needs-save");
        d.add(new com.vaadin.flow.component.html.Paragraph("This design has never been saved, so there is no "
                + "version to train: a run always trains a saved version. Export it as JSON and import it into a "
                + "project's designs (or start it there from a template), then press Train in that design."));
        d.getFooter().add(new com.vaadin.flow.component.button.Button("Close", e -> d.close()));
        d.open();
    }
}
